import type { KarafkaMonitor } from '../../instrumentation/karafka-monitor';
import type { JobEventBase } from '../../instrumentation/monitor-events.interface';
import type { JobReport } from './web-report.interface';

/** Finished jobs each process reports, newest first. */
export const RECENT_JOBS_REPORTED = 50;

/** This process's jobs, from the dispatcher's events: those running now and the last ones performed or failed. */
export class JobLog {
  private readonly running = new Map<string, JobReport>();
  private recent: JobReport[] = [];

  constructor(private readonly clock: () => number = Date.now) {}

  /** Starts listening; returns a function that stops. */
  attach(monitor: KarafkaMonitor): () => void {
    const stops = [
      monitor.on('job.performing', (event) => this.performing(event)),
      monitor.on('job.performed', (event) => this.finished(event, 'performed')),
      monitor.on('job.failed', (event) => this.finished(event, 'failed', event.error.message)),
    ];
    return () => stops.forEach((stop) => stop());
  }

  snapshot(): { running: JobReport[]; recent: JobReport[] } {
    return { running: [...this.running.values()], recent: [...this.recent] };
  }

  private performing(event: JobEventBase): void {
    this.running.set(key(event), {
      id: event.id,
      name: event.job,
      cluster: event.cluster,
      topic: event.topic,
      state: 'running',
      attempt: event.attempt,
      startedAt: this.clock(),
    });
  }

  private finished(event: JobEventBase, state: 'performed' | 'failed', error?: string): void {
    const started = this.running.get(key(event));
    this.running.delete(key(event));
    const finishedAt = this.clock();
    this.recent.unshift({
      id: event.id,
      name: event.job,
      cluster: event.cluster,
      topic: event.topic,
      state,
      attempt: event.attempt,
      startedAt: started?.startedAt ?? finishedAt,
      finishedAt,
      ...(error !== undefined ? { error } : {}),
    });
    this.recent.length = Math.min(this.recent.length, RECENT_JOBS_REPORTED);
  }
}

const key = (event: JobEventBase): string => `${event.cluster}\u0000${event.id}`;
