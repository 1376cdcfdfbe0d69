// Connecting an org to a RapidPro workspace: the URL and token are tried against RapidPro first,
// and only a token RapidPro accepts is stored — encrypted, never shown again. The try is one
// request with a short timeout and no retries: an admin is waiting in a dialog, and an address
// that does not answer should be said so in seconds, not after the sync client's patient retries.
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { orgs } from '../db/schema/index.ts';
import type { SecretBox } from '../core/secrets.ts';
import { UserError } from '../core/user-error.ts';
import { createRapidProClient } from './create-client.ts';
import { RapidProHttpError, RapidProSchemaError } from './errors.ts';

/** How long the check of a new token waits for RapidPro, once. */
const CHECK_TIMEOUT_MS = 5000;

export interface ConnectDeps {
  db: Db;
  secrets: SecretBox;
}

/** Checks the token with RapidPro, then saves it; returns the workspace's name. */
export async function connectWorkspace(
  deps: ConnectDeps,
  orgId: number,
  url: string,
  token: string,
): Promise<{ name: string; timezone: string }> {
  const root = parseUrl(url);
  let workspace: Awaited<ReturnType<ReturnType<typeof createRapidProClient>['workspace']>>;
  try {
    workspace = await createRapidProClient({ url: root, token, timeoutMs: CHECK_TIMEOUT_MS, retries: 0 }).workspace();
  } catch (error) {
    if (error instanceof RapidProHttpError && (error.status === 401 || error.status === 403))
      throw new UserError('errors.setupBadToken');
    if (error instanceof RapidProHttpError || error instanceof RapidProSchemaError)
      throw new UserError('errors.setupNotRapidPro', { url: root });
    throw new UserError('errors.setupUnreachable', { url: root });
  }
  // An org is its workspace: a token for another workspace would mix two into one mirror, and a
  // workspace already connected as another org would be fed twice by one token.
  const [current] = await deps.db.select({ uuid: orgs.workspaceUuid }).from(orgs).where(eq(orgs.id, orgId));
  if (workspace.uuid && current?.uuid && current.uuid !== workspace.uuid)
    throw new UserError('errors.setupOtherWorkspace', { workspace: workspace.name });
  if (workspace.uuid) {
    const [other] = await deps.db
      .select({ name: orgs.name })
      .from(orgs)
      .where(and(eq(orgs.workspaceUuid, workspace.uuid), ne(orgs.id, orgId)));
    if (other) throw new UserError('errors.setupWorkspaceTaken', { workspace: workspace.name });
  }
  await deps.db
    .update(orgs)
    .set({
      apiUrl: root,
      apiTokenEncrypted: deps.secrets.seal(token),
      name: workspace.name,
      timezone: workspace.timezone,
      ...(workspace.uuid ? { workspaceUuid: workspace.uuid } : {}),
    })
    .where(eq(orgs.id, orgId));
  return { name: workspace.name, timezone: workspace.timezone };
}

function parseUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
    return url.toString().replace(/\/+$/, '');
  } catch {
    throw new UserError('errors.setupBadUrl', { url: text }, true);
  }
}
