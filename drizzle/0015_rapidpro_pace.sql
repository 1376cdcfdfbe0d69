CREATE TABLE "rapidpro_pace" (
	"workspace" text NOT NULL,
	"scope" text NOT NULL,
	"lane" text NOT NULL,
	"next_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rapidpro_pace_workspace_scope_lane_pk" PRIMARY KEY("workspace","scope","lane")
);
