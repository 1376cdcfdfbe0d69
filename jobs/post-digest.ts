import type { JobDefinition } from './job.ts';
import { postDigest } from '../src/digests/post-digest.ts';

/** One subscription's digest, on its own schedule (an Agenda job per subscription). */
export const postDigestJob: JobDefinition<'post-digest', { subscriptionId: number }> = {
  name: 'post-digest',
  async run(deps, { subscriptionId }) {
    return { [await postDigest(deps, subscriptionId)]: 1 };
  },
};
