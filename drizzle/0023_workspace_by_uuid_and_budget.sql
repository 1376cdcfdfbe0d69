CREATE TABLE "workspace_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"uuid" text NOT NULL,
	"name" text NOT NULL,
	"is_smart" boolean DEFAULT false NOT NULL,
	"is_system" boolean DEFAULT false NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_flows" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"uuid" text NOT NULL,
	"name" text NOT NULL,
	"is_archived" boolean DEFAULT false NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rapidpro_holds" (
	"workspace" text NOT NULL,
	"scope" text NOT NULL,
	"held_until" timestamp with time zone NOT NULL,
	CONSTRAINT "rapidpro_holds_workspace_scope_pk" PRIMARY KEY("workspace","scope")
);
--> statement-breakpoint
CREATE TABLE "rapidpro_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace" text NOT NULL,
	"scope" text NOT NULL,
	"lane" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rapidpro_pace" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "rapidpro_pace" CASCADE;--> statement-breakpoint
DROP INDEX "orgs_api_url_name";--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "workspace_uuid" text;--> statement-breakpoint
ALTER TABLE "workspace_groups" ADD CONSTRAINT "workspace_groups_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_flows" ADD CONSTRAINT "workspace_flows_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_groups_org_uuid" ON "workspace_groups" USING btree ("org_id","uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_flows_org_uuid" ON "workspace_flows" USING btree ("org_id","uuid");--> statement-breakpoint
CREATE INDEX "rapidpro_requests_window" ON "rapidpro_requests" USING btree ("workspace","scope","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "orgs_workspace_uuid" ON "orgs" USING btree ("workspace_uuid");