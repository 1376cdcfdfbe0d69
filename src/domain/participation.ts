// Participation of a poll run: of the active contacts asked, how many completed, answered in
// part, or did not answer; the share complete is what TracPro calls the response rate.

import type { ResponseStatus } from '../db/schema/polls.ts';
import { rollUp, type RegionTree } from './region-tree.ts';

export interface Participation {
  asked: number;
  complete: number;
  partial: number;
  empty: number;
}

export const noParticipation = (): Participation => ({ asked: 0, complete: 0, partial: 0, empty: 0 });

export function addParticipation(a: Participation, b: Participation): Participation {
  return {
    asked: a.asked + b.asked,
    complete: a.complete + b.complete,
    partial: a.partial + b.partial,
    empty: a.empty + b.empty,
  };
}

/** Figures from counts of responses by status. */
export function toParticipation(counts: Partial<Record<ResponseStatus, number>>): Participation {
  const complete = counts.complete ?? 0;
  const partial = counts.partial ?? 0;
  const empty = counts.empty ?? 0;
  return { asked: complete + partial + empty, complete, partial, empty };
}

/** Share complete in 0..1; 0 when nobody was asked. */
export function completionRate(p: Participation): number {
  return p.asked === 0 ? 0 : p.complete / p.asked;
}

export interface StatusCount {
  regionId: number;
  /** Every reporter group of these contacts; empty when they are in none. */
  reporterGroupIds: readonly number[];
  status: ResponseStatus;
  n: number;
}

export interface ParticipationSummary {
  total: Participation;
  /** Rolled up the tree: each region includes every region below it. */
  byRegion: Map<number, Participation>;
  /**
   * Each reporter group counts every contact in it, so a contact in two groups counts in both
   * (as in TracPro) and the groups can add up to more than the total. `null`: in no group.
   */
  byReporterGroup: Map<number | null, Participation>;
}

export function summariseParticipation(counts: readonly StatusCount[], tree: RegionTree): ParticipationSummary {
  const own = new Map<number, Participation>();
  const byReporterGroup = new Map<number | null, Participation>();
  let total = noParticipation();
  for (const count of counts) {
    const part = toParticipation({ [count.status]: count.n });
    own.set(count.regionId, addParticipation(own.get(count.regionId) ?? noParticipation(), part));
    for (const groupId of count.reporterGroupIds.length > 0 ? count.reporterGroupIds : [null]) {
      byReporterGroup.set(groupId, addParticipation(byReporterGroup.get(groupId) ?? noParticipation(), part));
    }
    total = addParticipation(total, part);
  }
  return { total, byRegion: rollUp(tree, own, noParticipation, addParticipation), byReporterGroup };
}
