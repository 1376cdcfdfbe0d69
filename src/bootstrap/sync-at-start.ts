// The first thing a start does with RapidPro, said to the operator: a mirror that has synced
// before answers at once (the prompt comes now, fresher data follows in the background); only a
// first sync is waited for, since there are no figures before it, and its real outcome is said.
import type { Logger } from 'pino';
import type { Translate } from '../core/i18n.ts';
import type { Sql } from '../db/client.ts';
import { countMirror } from '../db/queries/count-mirror.ts';
import { readMirrorAge } from '../db/queries/read-mirror-age.ts';
import { readSyncOutcome } from '../db/queries/read-sync-outcome.ts';
import type { Scheduler } from '../job-runner/create-scheduler.ts';

export interface SyncAtStartOptions {
  sql: Sql;
  scheduler: Scheduler;
  org: { id: number; name: string };
  t: Translate;
  say: (line: string) => void;
  log: Logger;
  /** A signal during the first sync stops waiting for it; the drain lets it finish or hands it on. */
  signal: AbortSignal;
}

export async function syncAtStart({ sql, scheduler, org, t, say, log, signal }: SyncAtStartOptions): Promise<void> {
  const minutes = await readMirrorAge(sql, org.id);
  if (minutes !== null) {
    say(t('console.syncingBehind', { org: org.name, minutes }));
    await scheduler.now('sync-org', { orgId: org.id });
    return;
  }
  say(t('console.syncing', { org: org.name }));
  const started = Date.now();
  try {
    await Promise.race([scheduler.runAndWait('sync-org', { orgId: org.id }), whenAborted(signal)]);
    if (signal.aborted) return;
    const outcome = await readSyncOutcome(sql, org.id, new Date(started));
    if (outcome.failed.length > 0) {
      say(
        t('console.syncIncomplete', {
          entities: outcome.failed.map((row) => row.entity).join(', '),
          error: outcome.failed[0]!.error,
        }),
      );
    } else if (outcome.behind.length > 0) {
      // A lone bot's scheduled syncs may have started with it: it must not speak of another process.
      const elsewhere = outcome.behind.some((row) => !row.here);
      const behind = Math.max(...outcome.behind.map((row) => row.minutes));
      const entities = outcome.behind.map((row) => row.entity).join(', ');
      say(t(elsewhere ? 'console.syncElsewhere' : 'console.syncStillRunning', { entities, minutes: behind }));
    } else {
      const held = await countMirror(sql, org.id);
      say(
        t('console.synced', {
          contacts: held.get('contacts')!.contacts!,
          polls: held.get('flows')!.polls!,
          responses: held.get('runs')!.responses!,
          seconds: ((Date.now() - started) / 1000).toFixed(1),
        }),
      );
    }
  } catch (error) {
    log.error({ err: error }, 'first sync failed');
    say(t('console.syncFailed'));
  }
}

function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}
