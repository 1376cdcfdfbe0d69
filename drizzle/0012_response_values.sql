ALTER TABLE "responses" ADD COLUMN "values" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Responses mirrored before this column existed: their values are the answers already kept.
UPDATE "responses" r SET "values" = v.values
FROM (
  SELECT a.response_id, jsonb_object_agg(q.result_key, jsonb_build_object(
    'value', a.value, 'number', a.value_number::text, 'category', a.category, 'time', a.submitted_on)) AS values
  FROM "answers" a JOIN "questions" q ON q.id = a.question_id
  GROUP BY a.response_id
) v
WHERE v.response_id = r.id;
