ALTER TABLE "questions" ADD COLUMN "flow_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "translations" jsonb;--> statement-breakpoint
ALTER TABLE "schedules" ADD COLUMN "translations" jsonb;--> statement-breakpoint
-- Every question so far carries RapidPro's name: nothing has been renamed here yet.
UPDATE "questions" SET "flow_name" = "name";
