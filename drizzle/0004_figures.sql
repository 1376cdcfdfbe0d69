CREATE TABLE "answer_figures" (
	"poll_run_id" integer NOT NULL,
	"region_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"category" text,
	"n" integer NOT NULL,
	"numbers" integer NOT NULL,
	"sum" numeric,
	"min" numeric,
	"max" numeric
);
--> statement-breakpoint
CREATE TABLE "figures_built" (
	"poll_run_id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "figures_state" (
	"poll_run_id" integer PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_figures" (
	"poll_run_id" integer NOT NULL,
	"region_id" integer NOT NULL,
	"reporter_group_id" integer,
	"status" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "word_figures" (
	"poll_run_id" integer NOT NULL,
	"region_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"word" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "answer_figures" ADD CONSTRAINT "answer_figures_poll_run_id_poll_runs_id_fk" FOREIGN KEY ("poll_run_id") REFERENCES "public"."poll_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_figures" ADD CONSTRAINT "answer_figures_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_figures" ADD CONSTRAINT "answer_figures_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figures_built" ADD CONSTRAINT "figures_built_poll_run_id_poll_runs_id_fk" FOREIGN KEY ("poll_run_id") REFERENCES "public"."poll_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figures_state" ADD CONSTRAINT "figures_state_poll_run_id_poll_runs_id_fk" FOREIGN KEY ("poll_run_id") REFERENCES "public"."poll_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_figures" ADD CONSTRAINT "participation_figures_poll_run_id_poll_runs_id_fk" FOREIGN KEY ("poll_run_id") REFERENCES "public"."poll_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_figures" ADD CONSTRAINT "participation_figures_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_figures" ADD CONSTRAINT "participation_figures_reporter_group_id_reporter_groups_id_fk" FOREIGN KEY ("reporter_group_id") REFERENCES "public"."reporter_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "word_figures" ADD CONSTRAINT "word_figures_poll_run_id_poll_runs_id_fk" FOREIGN KEY ("poll_run_id") REFERENCES "public"."poll_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "word_figures" ADD CONSTRAINT "word_figures_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "word_figures" ADD CONSTRAINT "word_figures_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "answer_figures_run" ON "answer_figures" USING btree ("poll_run_id");--> statement-breakpoint
CREATE INDEX "participation_figures_run" ON "participation_figures" USING btree ("poll_run_id");--> statement-breakpoint
CREATE INDEX "word_figures_run" ON "word_figures" USING btree ("poll_run_id","question_id");