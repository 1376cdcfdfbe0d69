// With no configuration the bot needs one org to talk to: the RapidPro workspace given by
// RAPIDPRO_URL/RAPIDPRO_TOKEN, or the bundled simulator's demo workspace.
import { and, eq, sql as raw } from 'drizzle-orm';
import type { Db, Sql } from '../db/client.ts';
import { assignContactGroups } from '../db/queries/assign-contact-groups.ts';
import { choosePolls, chooseRegions, chooseReporterGroups, type GroupRef } from '../db/queries/choose-groups.ts';
import { orgs, regions, type OrgSettings } from '../db/schema/index.ts';
import { SecretKeyMismatchError, type SecretBox } from '../core/secrets.ts';
import { RapidProHttpError } from '../rapidpro/errors.ts';
import { collect } from '../rapidpro/collect.ts';
import { createRapidProClient } from '../rapidpro/create-client.ts';

interface DemoSelection {
  polls: string[];
  regions: { name: string; parent: string | null }[];
  reporterGroups: string[];
}

export interface EnsureOrgOptions {
  db: Db;
  sql: Sql;
  secrets: SecretBox;
  url: string;
  token: string;
  /** Set for the simulator: its demo choices are applied, and its org is found by the flag. */
  demo?: { selection: DemoSelection; settings: OrgSettings };
  /** Told what became of the stored token, for the operator (see TokenNotice). */
  report?: (notice: TokenNotice) => void;
}

/**
 * The token given in the environment against the one stored for the org:
 * - `replaced`: they differed, RapidPro accepted the new one, it is stored now;
 * - `resealed`: the stored one could not be decrypted (SECRET_KEY changed) and the given one,
 *   accepted by RapidPro, is stored under the current key;
 * - `refused`: they differ and RapidPro refuses the given one; the stored one stays;
 * - `unchecked`: they differ and RapidPro could not be asked; the stored one stays for now;
 * - `unreadable`: the stored one cannot be decrypted and the given one was not usable either.
 */
export type TokenNotice =
  | { kind: 'replaced' | 'resealed'; org: string }
  | { kind: 'refused'; org: string; status: number; storedReadable: boolean }
  | { kind: 'unchecked'; org: string; error: string; storedReadable: boolean };

export async function ensureOrg({
  db,
  sql,
  secrets,
  url,
  token,
  demo,
  report = () => {},
}: EnsureOrgOptions): Promise<typeof orgs.$inferSelect> {
  const [existing] = await db
    .select()
    .from(orgs)
    .where(demo ? raw`(${orgs.settings} ->> 'demo')::boolean is true` : eq(orgs.apiUrl, url));
  if (existing) {
    // The simulator listens on a new port each start: point the demo org at it again.
    if (demo && existing.apiUrl !== url) await db.update(orgs).set({ apiUrl: url }).where(eq(orgs.id, existing.id));
    const sealed = await adoptToken({ db, secrets, url, token, org: existing, report });
    return { ...existing, apiUrl: url, apiTokenEncrypted: sealed };
  }
  const rapidpro = createRapidProClient({ url, token });
  const workspace = await rapidpro.workspace();
  const [org] = await db
    .insert(orgs)
    .values({
      name: workspace.name,
      apiUrl: url,
      apiTokenEncrypted: secrets.seal(token),
      timezone: workspace.timezone,
      languages: workspace.languages,
      primaryLanguage: workspace.primary_language ?? null,
      settings: demo ? { ...demo.settings, demo: true } : {},
    })
    .returning();
  if (demo) await applySelection(db, sql, org!.id, rapidpro, demo.selection);
  return org!;
}

/** The choices an admin would make with `setup`, made once for the demo workspace. */
async function applySelection(
  db: Db,
  sql: Sql,
  orgId: number,
  rapidpro: ReturnType<typeof createRapidProClient>,
  selection: DemoSelection,
): Promise<void> {
  const groups = await collect(rapidpro.groups());
  const flows = await collect(rapidpro.flows());
  const byName = (items: GroupRef[], names: string[]) => items.filter((item) => names.includes(item.name));
  await choosePolls(sql, orgId, byName(flows, selection.polls));
  await chooseRegions(
    sql,
    orgId,
    byName(
      groups,
      selection.regions.map((r) => r.name),
    ),
  );
  await chooseReporterGroups(sql, orgId, byName(groups, selection.reporterGroups));
  const rows = await db.select({ id: regions.id, name: regions.name }).from(regions).where(eq(regions.orgId, orgId));
  const idOf = new Map(rows.map((r) => [r.name, r.id]));
  for (const region of selection.regions) {
    if (!region.parent) continue;
    await db
      .update(regions)
      .set({ parentId: idOf.get(region.parent) ?? null })
      .where(and(eq(regions.orgId, orgId), eq(regions.name, region.name)));
  }
  await assignContactGroups(sql, orgId);
}

/**
 * The environment's token wins over the stored one once RapidPro has accepted it: an operator
 * who rotates RAPIDPRO_TOKEN expects the bot to use it. A token RapidPro refuses never replaces
 * one that may still work. Returns the sealed token now stored.
 */
async function adoptToken(options: {
  db: Db;
  secrets: SecretBox;
  url: string;
  token: string;
  org: typeof orgs.$inferSelect;
  report: (notice: TokenNotice) => void;
}): Promise<string> {
  const { db, secrets, url, token, org, report } = options;
  let stored: string | null = null;
  try {
    stored = secrets.open(org.apiTokenEncrypted);
  } catch (error) {
    if (!(error instanceof SecretKeyMismatchError)) throw error;
  }
  if (stored === token) return org.apiTokenEncrypted;
  try {
    await createRapidProClient({ url, token, retries: 1, timeoutMs: 10_000 }).workspace();
  } catch (error) {
    if (error instanceof RapidProHttpError && (error.status === 401 || error.status === 403)) {
      report({ kind: 'refused', org: org.name, status: error.status, storedReadable: stored !== null });
    } else {
      report({
        kind: 'unchecked',
        org: org.name,
        error: error instanceof Error ? error.message : String(error),
        storedReadable: stored !== null,
      });
    }
    return org.apiTokenEncrypted;
  }
  const sealed = secrets.seal(token);
  await db.update(orgs).set({ apiTokenEncrypted: sealed }).where(eq(orgs.id, org.id));
  report({ kind: stored === null ? 'resealed' : 'replaced', org: org.name });
  return sealed;
}
