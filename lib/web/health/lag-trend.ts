/** One reading of a partition: its lag behind the high watermark at that time. */
export interface LagSample {
  at: number;
  lag: number;
}

/** How a partition's lag moved over its samples. */
export interface LagTrend {
  /** Newest lag minus the oldest sample's. */
  change: number;
  /** Since when the lag has been climbing without a drop (undefined when it is not climbing now). */
  growingSince?: number;
  /** How long it has been climbing, up to the newest sample (0 when it is not). */
  growingForMs: number;
  /** Climbing for at least the threshold. */
  flagged: boolean;
}

/**
 * The lag's trend over `samples` (oldest first). Climbing starts at the last sample holding the lowest lag of
 * the newest run without a drop, so a lag flat for an hour that then grows by one counts from the last flat
 * reading, not from an hour ago. A lag that grew and then stays up still counts (nothing consumed it); it is
 * flagged once it has not come down for `growingForMs` or longer since it started climbing.
 */
export function lagTrend(samples: readonly LagSample[], growingForMs: number): LagTrend {
  const newest = samples.at(-1);
  if (!newest) return { change: 0, growingForMs: 0, flagged: false };
  let start = samples.length - 1;
  while (start > 0 && samples[start - 1].lag <= samples[start].lag) start--;
  // Skip the flat readings at the bottom of the run: climbing starts at the last of them.
  while (start < samples.length - 1 && samples[start + 1].lag === samples[start].lag) start++;
  const change = newest.lag - samples[0].lag;
  if (samples[start].lag >= newest.lag) return { change, growingForMs: 0, flagged: false };
  const since = samples[start].at;
  const growingFor = newest.at - since;
  return { change, growingSince: since, growingForMs: growingFor, flagged: growingFor >= growingForMs };
}

/** A group with no member consumes nothing: any lag it has only grows. */
export function idleWithLag(members: number, lag: number): boolean {
  return members === 0 && lag > 0;
}
