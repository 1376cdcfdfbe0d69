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
  url: given,
  token,
  demo,
  report = () => {},
}: EnsureOrgOptions): Promise<typeof orgs.$inferSelect> {
  const url = given.replace(/\/+$/, '');
  // The workspace the token opens, when RapidPro answers: its uuid is what the org is.
  const opened = demo ? null : await openWorkspace(url, token);
  const existing = demo
    ? (await db.select().from(orgs).where(raw`(${orgs.settings} ->> 'demo')::boolean is true`))[0]
    : await findOrg(db, secrets, url, token, opened?.workspace?.uuid);
  if (existing) {
    // A new address for the same workspace (the simulator's new port, a trailing slash, https,
    // a new host name) is stored, and everything else kept.
    const uuid = opened?.workspace?.uuid ?? existing.workspaceUuid;
    if (existing.apiUrl !== url || existing.workspaceUuid !== uuid)
      await db.update(orgs).set({ apiUrl: url, workspaceUuid: uuid }).where(eq(orgs.id, existing.id));
    if (uuid) await retireDuplicates(db, secrets, existing.id, token);
    const sealed = await adoptToken({ db, secrets, url, token, org: existing, report });
    return { ...existing, apiUrl: url, workspaceUuid: uuid, apiTokenEncrypted: sealed };
  }
  if (opened && !opened.workspace) throw opened.error;
  const rapidpro = createRapidProClient({ url, token });
  const workspace = opened?.workspace ?? (await rapidpro.workspace());
  const [org] = await db
    .insert(orgs)
    .values({
      name: workspace.name,
      workspaceUuid: workspace.uuid ?? null,
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

type Workspace = Awaited<ReturnType<ReturnType<typeof createRapidProClient>['workspace']>>;

async function openWorkspace(url: string, token: string): Promise<{ workspace?: Workspace; error?: unknown }> {
  try {
    return { workspace: await createRapidProClient({ url, token, retries: 1, timeoutMs: 10_000 }).workspace() };
  } catch (error) {
    return { error };
  }
}

/**
 * The org of this workspace: by its uuid; else (RapidPro not answering, an older RapidPro
 * without uuids, or an org stored before orgs were known by uuid) by its address in any spelling
 * or by the token it was stored with.
 */
async function findOrg(db: Db, secrets: SecretBox, url: string, token: string, uuid: string | undefined) {
  const rows = await db.select().from(orgs).orderBy(orgs.id);
  // A workspace is one org whatever it was first reached as: the simulator's demo workspace given
  // by RAPIDPRO_URL is the demo org (its uuid is unique, a second org for it could not be stored).
  const byUuid = uuid ? rows.find((org) => org.workspaceUuid === uuid) : undefined;
  const candidates = rows.filter((org) => !org.settings.demo && !org.settings.sameWorkspaceAs);
  return (
    byUuid ??
    candidates.find(
      (org) =>
        (!uuid || !org.workspaceUuid) &&
        (sameAddress(org.apiUrl, url) || opensWith(secrets, org.apiTokenEncrypted, token)),
    )
  );
}

/**
 * Orgs stored for this workspace before orgs were known by uuid (the same token under another
 * spelling of its address): one token never feeds two orgs, so they are marked and no longer synced.
 */
async function retireDuplicates(db: Db, secrets: SecretBox, orgId: number, token: string): Promise<void> {
  const rows = await db.select().from(orgs).where(raw`${orgs.workspaceUuid} is null and ${orgs.id} <> ${orgId}`);
  for (const org of rows) {
    if (org.settings.demo || !opensWith(secrets, org.apiTokenEncrypted, token)) continue;
    await db
      .update(orgs)
      .set({ settings: { ...org.settings, sameWorkspaceAs: orgId } })
      .where(eq(orgs.id, org.id));
  }
}

/** Two spellings of one address: scheme, case and trailing slashes aside. */
function sameAddress(a: string, b: string): boolean {
  const key = (text: string) => {
    try {
      const url = new URL(text);
      return `${url.host}${url.pathname.replace(/\/+$/, '')}`;
    } catch {
      return text;
    }
  };
  return key(a) === key(b);
}

function opensWith(secrets: SecretBox, sealed: string, token: string): boolean {
  try {
    return secrets.open(sealed) === token;
  } catch (error) {
    if (error instanceof SecretKeyMismatchError) return false;
    throw error;
  }
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
