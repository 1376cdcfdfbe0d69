// Four past rounds of every demo flow, started outside the bot (no flow start): per contact and
// round about 70% complete, 15% partial (interrupted or expired), 15% no answer (expired).
// Runs are planned here and stamped later, in time order with everything else.
import { evaluate } from './evaluate-router.ts';
import { pathUpTo } from './flow-path.ts';
import { between, randomUuid, type Random } from './random.ts';
import { FLOW_EXPIRES_MINUTES } from './serialize.ts';
import type { SimContact, SimFlow, SimMessage, SimRun, SimRunValue } from './store.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const HISTORY_DAYS_AGO = [22, 15, 8, 1];
/** Africa/Kampala is UTC+3 all year (no daylight saving). */
const KAMPALA_OFFSET = 3 * 3_600_000;

type PlannedRun = Omit<SimRun, 'id' | 'modifiedOn'> & { modifiedOn: Date };

export interface History {
  runs: PlannedRun[];
  /** Answers sent in the last week, as in-flow incoming messages. */
  messages: Omit<SimMessage, 'id'>[];
  lastSeen: Map<string, Date>;
}

/** 09:00 in Kampala on the day `daysAgo` days before `now` (Kampala calendar). */
function roundStart(now: Date, daysAgo: number): number {
  const local = new Date(now.getTime() + KAMPALA_OFFSET - daysAgo * DAY);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 9) - KAMPALA_OFFSET;
}

const BASELINE_DAYS_AGO = 29;

/** One round of a baseline flow (the term's enrolment), a week before the first regular round. */
export function planBaseline(history: History, random: Random, flow: SimFlow, contacts: SimContact[], now: Date): void {
  const round = roundStart(now, BASELINE_DAYS_AGO);
  for (const contact of contacts) {
    if (contact.status === 'active' && random() <= 0.9) planRun(history, random, flow, contact, round, now);
  }
}

export function planHistory(random: Random, flows: SimFlow[], contacts: SimContact[], now: Date): History {
  const history: History = { runs: [], messages: [], lastSeen: new Map() };
  for (const daysAgo of HISTORY_DAYS_AGO) {
    const round = roundStart(now, daysAgo);
    for (const flow of flows) {
      for (const contact of contacts) {
        // Most active contacts are asked each round; stopped and blocked ones never are.
        if (contact.status !== 'active' || random() > 0.9) continue;
        planRun(history, random, flow, contact, round, now);
      }
    }
  }
  return history;
}

/** How long before `now` the morning round started, and how much slower its lagging region answers. */
const MORNING_ROUND_MINUTES = 100;
const LAG = 5;

/**
 * A round of `flow` started 100 minutes ago and still under way: answers due after `now` have
 * not come yet. The contacts of `laggingGroup` answer five times slower than they do in the past
 * rounds, so the watch finds that region behind its history. Shortly after midnight in Kampala
 * the round started yesterday evening: yesterday's 09:00 round of the flow is then left out, so
 * this one is still a poll run of its own (a day's universal run would otherwise start at 09:00,
 * long past the watch's horizon), and it starts early enough that no run of it crosses midnight.
 */
export function planMorningRound(
  history: History,
  random: Random,
  flow: SimFlow,
  contacts: SimContact[],
  now: Date,
  laggingGroup: string,
): void {
  const midnight = roundStart(now, 0) - 9 * 3_600_000;
  let round = now.getTime() - MORNING_ROUND_MINUTES * MINUTE;
  if (round < midnight) {
    round = Math.min(round, midnight - 10 * MINUTE);
    const dayBefore = midnight - DAY;
    history.runs = history.runs.filter(
      (run) => run.flowUuid !== flow.uuid || run.createdOn.getTime() < dayBefore || run.createdOn.getTime() >= midnight,
    );
  }
  for (const contact of contacts) {
    if (contact.status !== 'active' || random() > 0.9) continue;
    planRun(history, random, flow, contact, round, now, {
      lag: contact.groups.includes(laggingGroup) ? LAG : 1,
      underWay: true,
    });
  }
}

function planRun(
  history: History,
  random: Random,
  flow: SimFlow,
  contact: SimContact,
  round: number,
  now: Date,
  { lag, underWay }: { lag: number; underWay: boolean } = { lag: 1, underWay: false },
): void {
  const created = round + between(random, 0, 300) * 1000;
  const n = flow.questions.length;
  const roll = random();
  // A one-question flow cannot be half answered: its "partial" contacts give no answer.
  const answered = roll < 0.7 ? n : roll < 0.85 && n > 1 ? between(random, 1, n - 1) : 0;
  const askedAt = [created];
  const values: Record<string, SimRunValue> = {};
  for (const q of flow.questions.slice(0, answered)) {
    const at = askedAt[askedAt.length - 1]! + lag * (between(random, 1, 90) * MINUTE + between(random, 0, 59_999));
    // A round still under way: what is due later has not been answered yet.
    if (underWay && at > now.getTime()) break;
    const input = q.answer(contact, random);
    const { category, value } = evaluate(q, input);
    values[q.key] = { name: q.name, value, category, node: q.nodeUuid, time: new Date(at), input };
    askedAt.push(at);
    if (now.getTime() - at < 7 * DAY) {
      history.messages.push({
        contactUuid: contact.uuid,
        direction: 'in',
        text: input,
        flowUuid: flow.uuid,
        createdOn: new Date(at),
        modifiedOn: new Date(at),
        broadcast: null,
      });
    }
    const seen = history.lastSeen.get(contact.uuid);
    if (!seen || seen.getTime() < at) history.lastSeen.set(contact.uuid, new Date(at));
  }
  const lastAnswer = askedAt[askedAt.length - 1]!;
  const complete = answered === n;
  const exitType = complete ? 'completed' : answered > 0 && random() < 0.5 ? 'interrupted' : 'expired';
  const exitedAt =
    exitType === 'completed'
      ? lastAnswer + between(random, 200, 3000)
      : exitType === 'interrupted'
        ? lastAnswer + between(random, 30, 180) * MINUTE
        : lastAnswer + FLOW_EXPIRES_MINUTES * MINUTE;
  const given = askedAt.length - 1;
  if (underWay && (given < answered || exitedAt > now.getTime())) {
    // Still waiting for an answer, or not yet expired: the run has not exited.
    history.runs.push({
      uuid: randomUuid(random),
      flowUuid: flow.uuid,
      contactUuid: contact.uuid,
      startUuid: null,
      responded: given > 0,
      path: pathUpTo(flow, Math.min(given + 1, n), askedAt),
      values,
      createdOn: new Date(created),
      exitedOn: null,
      exitType: null,
      modifiedOn: new Date(lastAnswer),
    });
    return;
  }
  history.runs.push({
    uuid: randomUuid(random),
    flowUuid: flow.uuid,
    contactUuid: contact.uuid,
    startUuid: null,
    responded: answered > 0,
    // A finished run's path ends at its last wait; an unfinished one also shows the next question.
    path: pathUpTo(flow, complete ? n : answered + 1, askedAt),
    values,
    createdOn: new Date(created),
    exitedOn: new Date(exitedAt),
    exitType,
    modifiedOn: new Date(exitedAt),
  });
}
