// How a RapidPro run maps to a TracPro response status.

import type { ResponseStatus } from '../db/schema/polls.ts';

export interface RunProgress {
  exitType: string | null;
  answered: number;
}

/**
 * Complete when the run reached the end of the flow; partial when some answers came but the run
 * is still going or ended early (interrupted, expired); empty when nothing was answered.
 */
export function toResponseStatus(run: RunProgress): ResponseStatus {
  if (run.exitType === 'completed') return 'complete';
  return run.answered > 0 ? 'partial' : 'empty';
}
