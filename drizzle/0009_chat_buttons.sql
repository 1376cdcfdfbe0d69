CREATE TABLE "chat_buttons" (
	"code" text PRIMARY KEY NOT NULL,
	"command" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
