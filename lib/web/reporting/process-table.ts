import type { JobReport, ProcessReport, ProcessView } from './web-report.interface';

/** A process as the processing side keeps it: its latest report and when that was read. */
export interface ProcessEntry {
  report: ProcessReport;
  receivedAt: number;
}

/** A gone process stays listed (as gone) for this many TTLs, then it is forgotten. */
export const GONE_KEPT_TTLS = 10;
/** Finished jobs shown over all processes, newest first. */
export const RECENT_JOBS_SHOWN = 100;

/**
 * The reporting processes, by id, each with its latest report (Karafka Web's consumers state). A process is up
 * while its last report is younger than the TTL and did not say it was stopping. Times are compared as the
 * reports carry them, so a reader whose clock is off sees processes come and go late (the status page checks
 * the clocks).
 */
export class ProcessTable {
  private readonly entries = new Map<string, ProcessEntry>();

  constructor(
    private readonly ttlMs: number,
    entries: readonly ProcessEntry[] = [],
  ) {
    for (const entry of entries) this.entries.set(entry.report.process.id, entry);
  }

  /** Keeps the report if it is the process's newest. */
  apply(report: ProcessReport, receivedAt: number): void {
    const known = this.entries.get(report.process.id);
    if (known && known.report.reportedAt > report.reportedAt) return;
    this.entries.set(report.process.id, { report, receivedAt });
  }

  /** Up processes first, then by start time. */
  views(now: number): ProcessView[] {
    return this.kept(now)
      .map(({ report, receivedAt }): ProcessView => ({
        ...report,
        receivedAt,
        status: this.isUp(report, now) ? 'up' : 'gone',
      }))
      .sort(
        (a, b) =>
          Number(b.status === 'up') - Number(a.status === 'up') ||
          a.process.startedAt - b.process.startedAt ||
          a.process.id.localeCompare(b.process.id),
      );
  }

  /** Jobs running in up processes (oldest first), and the newest finished ones of every process kept. */
  jobs(now: number): { running: JobReport[]; recent: JobReport[] } {
    const kept = this.kept(now);
    return {
      running: kept
        .filter(({ report }) => this.isUp(report, now))
        .flatMap(({ report }) => report.jobs.running)
        .sort((a, b) => a.startedAt - b.startedAt),
      recent: kept
        .flatMap(({ report }) => report.jobs.recent)
        .sort((a, b) => (b.finishedAt ?? b.startedAt) - (a.finishedAt ?? a.startedAt))
        .slice(0, RECENT_JOBS_SHOWN),
    };
  }

  /** What is worth storing: every process not forgotten yet. */
  snapshot(now: number): ProcessEntry[] {
    return this.kept(now);
  }

  private isUp(report: ProcessReport, now: number): boolean {
    return !report.stopping && now - report.reportedAt <= this.ttlMs;
  }

  private kept(now: number): ProcessEntry[] {
    const forgetBefore = now - GONE_KEPT_TTLS * this.ttlMs;
    for (const [id, entry] of this.entries)
      if (entry.report.reportedAt < forgetBefore) this.entries.delete(id);
    return [...this.entries.values()];
  }
}
