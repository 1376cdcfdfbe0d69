// After a flow start, simulated contacts answer as people do: a run appears at once for each
// active contact, then answers arrive one by one. About 80% finish, 10% stop part way
// (interrupted), 10% never answer.
import { evaluate } from './evaluate-router.ts';
import { between, randomUuid, type Random } from './random.ts';
import type { SimulatorStore } from './store.ts';

export function createResponder(store: SimulatorStore, random: Random, delayMs: [number, number]) {
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, work: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      work();
    }, ms);
    timers.add(timer);
  };

  function respond(startUuid: string): void {
    const start = store.flowStarts.find((s) => s.uuid === startUuid);
    const flow = start && store.flowByUuid(start.flowUuid);
    if (!start || !flow) return;
    for (const contactUuid of start.contacts) {
      const contact = store.contacts.get(contactUuid);
      if (!contact || contact.deleted || contact.status !== 'active') continue;
      const run = store.addRun({
        uuid: randomUuid(random),
        flowUuid: flow.uuid,
        contactUuid,
        startUuid,
        responded: false,
        path: [],
        values: {},
        createdOn: store.stamp(),
        exitedOn: null,
        exitType: null,
      });
      const roll = random();
      const answers = roll < 0.8 ? flow.questions.length : roll < 0.9 ? Math.floor(random() * flow.questions.length) : 0;
      let at = 0;
      for (const question of flow.questions.slice(0, answers)) {
        at += between(random, delayMs[0], delayMs[1]);
        const input = question.answer(contact, random);
        later(at, () =>
          store.advanceRun(run.uuid, (r) => {
            const time = store.stamp();
            const { category, value } = evaluate(question, input);
            r.values[question.key] = { name: question.name, value, category, node: question.nodeUuid, time, input };
            r.path.push({ node: question.nodeUuid, time });
            r.responded = true;
          }),
        );
      }
      // Finishers exit completed after their last answer; those who stop part way are interrupted.
      if (answers > 0) {
        later(at + between(random, delayMs[0], delayMs[1]), () =>
          store.advanceRun(run.uuid, (r) => {
            r.exitType = answers === flow.questions.length ? 'completed' : 'interrupted';
            r.exitedOn = store.stamp();
          }),
        );
      }
    }
  }

  return {
    respond,
    stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
