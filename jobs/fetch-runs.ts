import type { JobDefinition } from './job.ts';
import type { FetchRunsRequest } from '../src/core/command.ts';
import { paragraph, type Reply } from '../src/core/reply.ts';
import { withLock } from '../src/db/with-lock.ts';
import { backfillRuns, type BackfillProgress } from '../src/rapidpro/sync/backfill-runs.ts';

/** Edits of the progress message are spaced out: chat platforms rate-limit message edits. */
const EDIT_EVERY_MS = 2_000;

/** Fetches old runs, showing "12,400 runs · 40 %" in one message that is edited as it goes. */
export const fetchRunsJob: JobDefinition<'fetch-runs', FetchRunsRequest> = {
  name: 'fetch-runs',
  async run(deps, { orgId, days, chat, lng }) {
    const { t, direction } = deps.i18n.forLanguage(lng);
    const render = (p: BackfillProgress): Reply => ({
      direction,
      blocks: [
        paragraph(
          t(p.done ? 'commands:fetch-runs.done' : 'commands:fetch-runs.progress', {
            runs: p.runs,
            share: p.share,
            days,
          }),
        ),
      ],
    });
    const messageId = await deps.notifier.post(chat, render({ runs: 0, share: 0, done: false }));
    let lastEdit = 0;
    const counts = await withLock(deps.sql, `backfill:${orgId}`, () =>
      backfillRuns(deps, orgId, days, async (progress) => {
        if (!progress.done && Date.now() - lastEdit < EDIT_EVERY_MS) return;
        lastEdit = Date.now();
        await deps.notifier.edit(chat, messageId, render(progress));
      }),
    );
    if (!counts)
      await deps.notifier.edit(chat, messageId, { direction, blocks: [paragraph(t('commands:fetch-runs.busy'))] });
    return counts ?? {};
  },
};
