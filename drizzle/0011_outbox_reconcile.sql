ALTER TABLE "outbound_batches" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "reply_to" text;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "schedules" ADD COLUMN "reply_to" text;--> statement-breakpoint
ALTER TABLE "schedules" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
CREATE INDEX "outbound_messages_unfinished" ON "outbound_messages" USING btree ("next_attempt_at") WHERE state in ('pending', 'sending');--> statement-breakpoint
-- Rows confirmed before this column existed count from their creation.
UPDATE "outbound_messages" SET "confirmed_at" = "created_at" WHERE "state" <> 'draft';
