-- Writers that touch the same poll runs' figures at once (the runs sync, a contact sync, answers
-- re-derived for new questions) lock their figures_state rows in the order of poll run ids, so
-- neither holds a row the other
-- waits for: without ORDER BY the order was the plan's (a scan of poll_runs in storage order, or
-- of its index), which two transactions need not share.
CREATE OR REPLACE FUNCTION figures_touch(run_ids integer[]) RETURNS void LANGUAGE sql AS $$
  -- Only poll runs that still exist: a poll run being deleted takes its responses with it.
  INSERT INTO figures_state (poll_run_id)
  SELECT id FROM poll_runs WHERE id = ANY(run_ids) ORDER BY id
  ON CONFLICT (poll_run_id) DO UPDATE SET version = figures_state.version + 1
$$;
