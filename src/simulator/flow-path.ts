// A run's path: the nodes it passed, each with when it arrived there. Asking a question passes
// its message node and arrives at its wait node at the same moment.
import type { SimFlow, SimQuestion, SimRun } from './store.ts';

/** The path entries for arriving at a question at `time`. */
export function stepsInto(question: SimQuestion, time: Date): SimRun['path'] {
  return question.prompt
    ? [
        { node: question.prompt.nodeUuid, time },
        { node: question.nodeUuid, time },
      ]
    : [{ node: question.nodeUuid, time }];
}

/** The path of a run that reached its first `reached` questions, arriving at each at `times[i]`. */
export function pathUpTo(flow: SimFlow, reached: number, times: number[]): SimRun['path'] {
  return flow.questions.slice(0, reached).flatMap((q, i) => stepsInto(q, new Date(times[i]!)));
}
