CREATE TABLE "chat_settings" (
	"platform" text NOT NULL,
	"chat_id" text NOT NULL,
	"text_only" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_settings_platform_chat_id_pk" PRIMARY KEY("platform","chat_id")
);
