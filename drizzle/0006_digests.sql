CREATE TABLE "digest_posts" (
	"subscription_id" integer NOT NULL,
	"period" text NOT NULL,
	"state" text DEFAULT 'posting' NOT NULL,
	"message_id" text,
	"figures" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_posts_subscription_id_period_pk" PRIMARY KEY("subscription_id","period")
);
--> statement-breakpoint
ALTER TABLE "digest_subscriptions" ADD COLUMN "region_ids" integer[];--> statement-breakpoint
ALTER TABLE "digest_posts" ADD CONSTRAINT "digest_posts_subscription_id_digest_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."digest_subscriptions"("id") ON DELETE cascade ON UPDATE no action;