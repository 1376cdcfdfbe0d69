-- Which contacts an update changed, found with EXCEPT instead of joining the old and new
-- transition tables on id. Transition tables have no statistics and no index: the planner could
-- join them with a nested loop, which for a whole-org update (100,000 contacts after a first sync)
-- compared every row with every other one and held the update for many minutes. EXCEPT is
-- always hashed or sorted, and, like IS DISTINCT FROM, treats NULLs as equal.
CREATE OR REPLACE FUNCTION contacts_touch_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM figures_touch(ARRAY(
    SELECT DISTINCT r.poll_run_id
    FROM (
      SELECT id, region_id, reporter_group_ids, status, is_deleted FROM new_rows
      EXCEPT
      SELECT id, region_id, reporter_group_ids, status, is_deleted FROM old_rows
    ) AS changed
    JOIN responses r ON r.contact_id = changed.id));
  RETURN NULL;
END $$;
