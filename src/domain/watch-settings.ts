// What "behind" means, in one place: the defaults every org starts from, and what an admin may
// change for their org (`watch threshold`, kept in orgs.settings.watch).

export interface WatchSettings {
  /** Behind: a share complete below this part of the usual share at the same time since the start. */
  belowShare: number;
  /** Far behind (the second level of lateness): below this part of the usual share. */
  farBelowShare: number;
  /** And at least this many contacts short of the usual, so that a small region's noise is not an alert. */
  minMissing: number;
  /** How many of a region's earlier runs of the poll make its usual curve (their median). */
  historyRuns: number;
  /** Fewer earlier runs than this in a region: the org's curve stands in for it. */
  minHistoryRuns: number;
}

/** The part of an org's settings an admin can change. */
export type WatchThresholds = Partial<Pick<WatchSettings, 'belowShare' | 'minMissing'>>;

export const watchDefaults: WatchSettings = {
  belowShare: 0.6,
  farBelowShare: 0.3,
  minMissing: 5,
  historyRuns: 5,
  minHistoryRuns: 3,
};

/** Quiet hours when a person set none: 20:00 to 07:00 in the org's timezone, in minutes after midnight. */
export const defaultQuietHours = { startsAt: 20 * 60, endsAt: 7 * 60 };

export function toWatchSettings(thresholds: WatchThresholds | undefined): WatchSettings {
  const below = thresholds?.belowShare ?? watchDefaults.belowShare;
  // Far behind stays half of behind, whatever an admin set behind to.
  return {
    ...watchDefaults,
    belowShare: below,
    farBelowShare: below / 2,
    minMissing: thresholds?.minMissing ?? watchDefaults.minMissing,
  };
}
