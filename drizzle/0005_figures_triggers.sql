-- A poll run's figures go stale whenever its responses, its answers, or the contacts who gave
-- them change (region, reporter group, status, deletion). Statement-level triggers with
-- transition tables: one small statement per write, however many rows it touched.

CREATE FUNCTION figures_touch(run_ids integer[]) RETURNS void LANGUAGE sql AS $$
  -- Only poll runs that still exist: a poll run being deleted takes its responses with it.
  INSERT INTO figures_state (poll_run_id)
  SELECT id FROM poll_runs WHERE id = ANY(run_ids)
  ON CONFLICT (poll_run_id) DO UPDATE SET version = figures_state.version + 1
$$;
--> statement-breakpoint
CREATE FUNCTION responses_touch_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM figures_touch(ARRAY(SELECT DISTINCT poll_run_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM figures_touch(ARRAY(SELECT poll_run_id FROM new_rows UNION SELECT poll_run_id FROM old_rows));
  ELSE
    PERFORM figures_touch(ARRAY(SELECT DISTINCT poll_run_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER responses_figures_insert AFTER INSERT ON responses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION responses_touch_figures();
--> statement-breakpoint
CREATE TRIGGER responses_figures_update AFTER UPDATE ON responses
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION responses_touch_figures();
--> statement-breakpoint
CREATE TRIGGER responses_figures_delete AFTER DELETE ON responses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION responses_touch_figures();
--> statement-breakpoint
CREATE FUNCTION answers_touch_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM figures_touch(ARRAY(SELECT DISTINCT r.poll_run_id FROM old_rows a JOIN responses r ON r.id = a.response_id));
  ELSE
    PERFORM figures_touch(ARRAY(SELECT DISTINCT r.poll_run_id FROM new_rows a JOIN responses r ON r.id = a.response_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER answers_figures_insert AFTER INSERT ON answers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION answers_touch_figures();
--> statement-breakpoint
CREATE TRIGGER answers_figures_update AFTER UPDATE ON answers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION answers_touch_figures();
--> statement-breakpoint
CREATE TRIGGER answers_figures_delete AFTER DELETE ON answers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION answers_touch_figures();
--> statement-breakpoint
CREATE FUNCTION contacts_touch_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM figures_touch(ARRAY(
    SELECT DISTINCT r.poll_run_id
    FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN responses r ON r.contact_id = n.id
    WHERE (o.region_id, o.reporter_group_id, o.status, o.is_deleted)
          IS DISTINCT FROM (n.region_id, n.reporter_group_id, n.status, n.is_deleted)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER contacts_figures_update AFTER UPDATE ON contacts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION contacts_touch_figures();
