CREATE TABLE "watch_alerts" (
	"poll_run_id" integer NOT NULL,
	"region_id" integer NOT NULL,
	"level" smallint NOT NULL,
	"identity_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watch_alerts_poll_run_id_region_id_level_identity_id_pk" PRIMARY KEY("poll_run_id","region_id","level","identity_id")
);
--> statement-breakpoint
CREATE TABLE "watch_curves" (
	"poll_run_id" integer NOT NULL,
	"region_id" integer NOT NULL,
	"asked" integer NOT NULL,
	"completes" integer[] NOT NULL,
	CONSTRAINT "watch_curves_poll_run_id_region_id_pk" PRIMARY KEY("poll_run_id","region_id")
);
--> statement-breakpoint
CREATE TABLE "watch_mutes" (
	"identity_id" integer NOT NULL,
	"poll_id" integer,
	"region_id" integer
);
--> statement-breakpoint
CREATE TABLE "watch_quiet_hours" (
	"identity_id" integer PRIMARY KEY NOT NULL,
	"starts_at" smallint NOT NULL,
	"ends_at" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watch_runs" (
	"poll_run_id" integer PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"horizon" integer DEFAULT 0 NOT NULL,
	"asked" integer DEFAULT 0 NOT NULL,
	"completes" integer[] DEFAULT '{}'::int[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "watch_alerts" ADD CONSTRAINT "watch_alerts_poll_run_id_poll_runs_id_fk" FOREIGN KEY ("poll_run_id") REFERENCES "public"."poll_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_alerts" ADD CONSTRAINT "watch_alerts_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_alerts" ADD CONSTRAINT "watch_alerts_identity_id_chat_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."chat_identities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_curves" ADD CONSTRAINT "watch_curves_poll_run_id_poll_runs_id_fk" FOREIGN KEY ("poll_run_id") REFERENCES "public"."poll_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_curves" ADD CONSTRAINT "watch_curves_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_mutes" ADD CONSTRAINT "watch_mutes_identity_id_chat_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."chat_identities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_mutes" ADD CONSTRAINT "watch_mutes_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_mutes" ADD CONSTRAINT "watch_mutes_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_quiet_hours" ADD CONSTRAINT "watch_quiet_hours_identity_id_chat_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."chat_identities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_runs" ADD CONSTRAINT "watch_runs_poll_run_id_poll_runs_id_fk" FOREIGN KEY ("poll_run_id") REFERENCES "public"."poll_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "watch_mutes_what" ON "watch_mutes" USING btree ("identity_id",coalesce("poll_id", 0),coalesce("region_id", 0));