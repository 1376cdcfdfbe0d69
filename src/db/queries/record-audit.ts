import type { Db } from '../client.ts';
import { auditLog } from '../schema/index.ts';

export interface AuditEntry {
  orgId: number;
  /** Who did it (for a schedule's work, who set the schedule); null for the bot itself. */
  identityId: number | null;
  /** `<thing>.<verb>`: `commands:audit.action_<thing>_<verb>` says it in words. */
  action: string;
  /**
   * What was acted on, as `audit` names it: `poll:<id>`, `contact:<id|uuid>`, a person's
   * `<platform>:<id>`, or a name.
   */
  target?: string | null;
  /** Names and numbers, never internal ids or uuids: `audit` shows them as they are. */
  details?: Record<string, unknown>;
}

/**
 * One line of the audit log: every action that sends, schedules, changes access or changes the
 * setup calls this (commands and jobs alike), so `audit` tells the whole story in words.
 */
export async function recordAudit(db: Pick<Db, 'insert'>, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    orgId: entry.orgId,
    identityId: entry.identityId,
    action: entry.action,
    target: entry.target ?? null,
    details: entry.details ?? {},
  });
}
