// After a flow start, simulated contacts answer as people do: a run appears at once for each
// contact started, then answers arrive one by one after seeded delays. About 80% finish, 10%
// stop part way (interrupted a little later), 10% never answer (the run keeps waiting).
// Starting a contact in a flow interrupts the run it was waiting in, as RapidPro does.
import { evaluate } from './evaluate-router.ts';
import { between, randomUuid, type Random } from './random.ts';
import { pathUpTo, stepsInto } from './flow-path.ts';
import type { SimContact, SimFlow, SimRun, SimulatorStore } from './store.ts';

export type Responder = ReturnType<typeof createResponder>;

export function createResponder(store: SimulatorStore, random: Random, delayMs: [number, number]) {
  // Pending steps per run, so an interrupted run stops answering and stop() leaves no timer.
  const timers = new Map<string, Set<NodeJS.Timeout>>();
  const later = (runUuid: string, ms: number, work: () => void) => {
    const pending = timers.get(runUuid) ?? new Set();
    timers.set(runUuid, pending);
    const timer = setTimeout(() => {
      pending.delete(timer);
      if (pending.size === 0) timers.delete(runUuid);
      work();
    }, ms);
    pending.add(timer);
  };
  const cancel = (runUuid: string) => {
    for (const timer of timers.get(runUuid) ?? []) clearTimeout(timer);
    timers.delete(runUuid);
  };
  const isReachable = (uuid: string) => {
    const contact = store.contacts.get(uuid);
    return contact !== undefined && !contact.deleted && contact.status === 'active';
  };

  function interrupt(run: SimRun): void {
    cancel(run.uuid);
    store.advanceRun(run.uuid, (r) => {
      r.exitType = 'interrupted';
      r.exitedOn = store.stamp();
    });
  }

  /** Creates the contact's run now and schedules its answers. */
  function startRun(flow: SimFlow, contact: SimContact, startUuid: string | null): SimRun {
    const waiting = store.waitingRunOf(contact.uuid);
    if (waiting) interrupt(waiting);
    const createdOn = store.stamp();
    const run = store.addRun({
      uuid: randomUuid(random),
      flowUuid: flow.uuid,
      contactUuid: contact.uuid,
      startUuid,
      responded: false,
      path: pathUpTo(flow, 1, [createdOn.getTime()]),
      values: {},
      createdOn,
      exitedOn: null,
      exitType: null,
    });
    // The contact's current flow changed: RapidPro touches the contact too.
    store.editContact(contact.uuid, {});
    schedule(flow, run, contact);
    return run;
  }

  function schedule(flow: SimFlow, run: SimRun, contact: SimContact): void {
    const n = flow.questions.length;
    const roll = random();
    const finishes = roll < 0.8;
    const answers = finishes ? n : roll < 0.9 ? (n > 1 ? between(random, 1, n - 1) : 0) : -1;
    if (answers < 0) return; // never answers: the run waits until it would expire
    let at = 0;
    flow.questions.slice(0, answers).forEach((question, i) => {
      at += between(random, delayMs[0], delayMs[1]);
      const input = question.answer(contact, random);
      later(run.uuid, at, () => {
        if (!isReachable(contact.uuid)) return cancel(run.uuid);
        const time = store.stamp();
        const { category, value } = evaluate(question, input);
        store.advanceRun(run.uuid, (r) => {
          r.values[question.key] = { name: question.name, value, category, node: question.nodeUuid, time, input };
          r.responded = true;
          const next = flow.questions[i + 1];
          if (next) r.path.push(...stepsInto(next, time));
          // The last answer ends the run in the same step, as in RapidPro.
          if (i === n - 1) {
            r.exitType = 'completed';
            r.exitedOn = time;
          }
        });
        store.messages.push({
          id: store.nextId(),
          contactUuid: contact.uuid,
          direction: 'in',
          text: input,
          flowUuid: flow.uuid,
          createdOn: time,
          modifiedOn: time,
          broadcast: null,
        });
        store.editContact(contact.uuid, { lastSeenOn: time });
      });
    });
    if (!finishes) {
      later(run.uuid, at + between(random, delayMs[0], delayMs[1]), () => {
        const current = store.runs.get(run.uuid);
        if (current && current.exitType === null) interrupt(current);
      });
    }
  }

  return {
    startRun,
    /** Pending answer steps (a test can wait for none to be left). */
    pending: () => [...timers.values()].reduce((sum, set) => sum + set.size, 0),
    stop() {
      for (const runUuid of [...timers.keys()]) cancel(runUuid);
    },
  };
}
