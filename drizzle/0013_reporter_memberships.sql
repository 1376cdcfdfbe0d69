-- A contact counts in every reporter group it belongs to (as in TracPro), so contacts and
-- participation figures keep the set of reporter groups instead of one.
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_reporter_group_id_reporter_groups_id_fk";
--> statement-breakpoint
ALTER TABLE "participation_figures" DROP CONSTRAINT "participation_figures_reporter_group_id_reporter_groups_id_fk";
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "reporter_group_ids" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
ALTER TABLE "participation_figures" ADD COLUMN "reporter_group_ids" integer[] DEFAULT '{}'::int[] NOT NULL;--> statement-breakpoint
-- Derived again from the RapidPro groups each contact belongs to (the old column kept only one).
UPDATE "contacts" c SET "reporter_group_ids" = ARRAY(
  SELECT g.id FROM reporter_groups g
  WHERE g.org_id = c.org_id AND g.is_active AND g.uuid = ANY(c.group_uuids) ORDER BY g.id)
WHERE c.group_uuids <> '{}';--> statement-breakpoint
ALTER TABLE "contacts" DROP COLUMN "reporter_group_id";--> statement-breakpoint
ALTER TABLE "participation_figures" DROP COLUMN "reporter_group_id";--> statement-breakpoint
-- The figures trigger compares the contact's reporter groups now.
CREATE OR REPLACE FUNCTION contacts_touch_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM figures_touch(ARRAY(
    SELECT DISTINCT r.poll_run_id
    FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN responses r ON r.contact_id = n.id
    WHERE (o.region_id, o.reporter_group_ids, o.status, o.is_deleted)
          IS DISTINCT FROM (n.region_id, n.reporter_group_ids, n.status, n.is_deleted)));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Every poll run's figures are rebuilt with the memberships, by the next sync or reader.
DELETE FROM "participation_figures";--> statement-breakpoint
DELETE FROM "figures_built";
