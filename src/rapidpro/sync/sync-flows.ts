// Flows and their definitions → the workspace's list of flows (what setup offers, and which
// polls are archived), and the chosen polls' names and questions. A question removed from
// the flow is removed here (with its answers); order follows the flow. When a poll's questions
// change, its answers are derived again from the values its responses kept, so runs synced
// before the questions were known get their answers now.
import { and, eq, notInArray, sql as raw } from 'drizzle-orm';
import type { SyncDeps } from './sync-deps.ts';
import { syncSnapshot } from './sync-snapshot.ts';
import type { Counts } from './sync-window.ts';
import { toQuestions } from './to-questions.ts';
import { collect } from '../collect.ts';
import { listPolls } from '../../db/queries/list-polls.ts';
import { writeWorkspaceFlows } from '../../db/queries/write-workspace-lists.ts';
import { fromExcluded } from '../../db/excluded.ts';
import { derivePollAnswers, lockAnswers } from '../../db/queries/derive-answers.ts';
import { polls as pollsTable, questions } from '../../db/schema/index.ts';

export async function syncFlows(deps: SyncDeps, orgId: number): Promise<Counts> {
  return syncSnapshot({ ...deps, orgId, entity: 'flows' }, () => mirrorFlows(deps, orgId));
}

async function mirrorFlows(deps: SyncDeps, orgId: number): Promise<Counts> {
  const { db } = deps;
  const rapidpro = await deps.rapidproFor(orgId);
  const listed = await collect(rapidpro.flows());
  await writeWorkspaceFlows(deps.sql, orgId, listed);
  const polls = await listPolls(db, orgId);
  if (polls.length === 0) return { polls: 0 };
  const flows = new Map(listed.map((f) => [f.uuid, f]));
  const definitions = await rapidpro.definitions(polls.map((p) => p.uuid));
  let questionCount = 0;
  for (const poll of polls) {
    const flow = flows.get(poll.uuid);
    if (!flow) continue;
    const defs = toQuestions(flow, definitions);
    await db.transaction(async (tx) => {
      await lockAnswers(tx, orgId);
      const before = await tx
        .select({ uuid: questions.uuid, key: questions.resultKey })
        .from(questions)
        .where(eq(questions.pollId, poll.id));
      // A local rename is kept: only polls still named after the flow follow RapidPro's name.
      await tx
        .update(pollsTable)
        .set({
          name: raw`case when ${pollsTable.name} = ${pollsTable.flowName} then ${flow.name} else ${pollsTable.name} end`,
          flowName: flow.name,
          isArchived: flow.archived,
        })
        .where(eq(pollsTable.id, poll.id));
      if (defs.length > 0) {
        await tx
          .insert(questions)
          .values(defs.map((q, position) => ({ orgId, pollId: poll.id, position, ...q, flowName: q.name })))
          .onConflictDoUpdate({
            target: [questions.orgId, questions.uuid],
            set: {
              ...fromExcluded(questions, ['resultKey', 'flowName', 'type', 'categories', 'rules', 'position']),
              // As for polls: a question renamed here keeps its name; the others follow RapidPro.
              name: raw`case when ${questions.name} = ${questions.flowName} then excluded.name else ${questions.name} end`,
            },
          });
      }
      await tx.delete(questions).where(
        and(
          eq(questions.pollId, poll.id),
          notInArray(
            questions.uuid,
            defs.map((q) => q.uuid),
          ),
        ),
      );
      const signature = (rows: { uuid: string; key: string }[]) =>
        rows
          .map((q) => `${q.uuid}=${q.key}`)
          .sort()
          .join(',');
      if (signature(before) !== signature(defs.map((q) => ({ uuid: q.uuid, key: q.resultKey }))))
        await derivePollAnswers(tx, poll.id);
    });
    questionCount += defs.length;
  }
  return { polls: polls.length, questions: questionCount };
}
