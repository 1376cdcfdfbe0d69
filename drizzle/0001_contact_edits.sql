CREATE TABLE "contact_edits" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"contact_id" integer,
	"action" text NOT NULL,
	"changes" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"requested_by" integer,
	"reply_to" text,
	"language" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "contact_edits" ADD CONSTRAINT "contact_edits_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_edits" ADD CONSTRAINT "contact_edits_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_edits" ADD CONSTRAINT "contact_edits_requested_by_chat_identities_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."chat_identities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_edits_pending" ON "contact_edits" USING btree ("org_id","state");