import { sampleReport } from '../../../test/unit/web/sample-report';
import { GONE_KEPT_TTLS, ProcessTable } from './process-table';
import type { JobReport } from './web-report.interface';

const TTL = 30_000;
const NOW = 1_700_000_000_000;

const job = (id: string, state: JobReport['state'], startedAt: number, finishedAt?: number): JobReport => ({
  id,
  name: 'SendMail',
  cluster: 'primary',
  topic: 'mailers',
  state,
  attempt: 1,
  startedAt,
  ...(finishedAt !== undefined ? { finishedAt } : {}),
});

describe('ProcessTable', () => {
  it('keeps each process’s newest report and shows it up within the TTL, gone after it', () => {
    const table = new ProcessTable(TTL);
    table.apply(sampleReport('a', NOW - 1000), NOW - 990);
    table.apply(sampleReport('a', NOW - 6000), NOW - 5990);
    table.apply(sampleReport('b', NOW - TTL - 1), NOW - TTL);

    const views = table.views(NOW);
    expect(views.map((view) => [view.process.id, view.status, view.reportedAt, view.receivedAt])).toEqual([
      ['a', 'up', NOW - 1000, NOW - 990],
      ['b', 'gone', NOW - TTL - 1, NOW - TTL],
    ]);
  });

  it('shows a process gone at once after its stopping report', () => {
    const table = new ProcessTable(TTL);
    table.apply(sampleReport('a', NOW - 10, { stopping: true }), NOW);
    expect(table.views(NOW)[0].status).toBe('gone');
  });

  it(`forgets a gone process after ${GONE_KEPT_TTLS} TTLs`, () => {
    const table = new ProcessTable(TTL, [
      { report: sampleReport('old', NOW - GONE_KEPT_TTLS * TTL - 1), receivedAt: 0 },
      { report: sampleReport('recent', NOW - GONE_KEPT_TTLS * TTL + 1), receivedAt: 0 },
    ]);
    expect(table.snapshot(NOW).map((entry) => entry.report.process.id)).toEqual(['recent']);
  });

  it('lists the jobs running in up processes and the newest finished ones of all', () => {
    const table = new ProcessTable(TTL);
    table.apply(
      sampleReport('a', NOW, {
        jobs: {
          running: [job('j3', 'running', NOW - 5)],
          recent: [job('j1', 'performed', NOW - 50, NOW - 40)],
        },
      }),
      NOW,
    );
    table.apply(
      sampleReport('b', NOW - TTL - 1, {
        jobs: {
          running: [job('stale', 'running', NOW - TTL - 100)],
          recent: [job('j2', 'failed', NOW - 30, NOW - 20)],
        },
      }),
      NOW,
    );

    const { running, recent } = table.jobs(NOW);
    expect(running.map((j) => j.id)).toEqual(['j3']);
    expect(recent.map((j) => j.id)).toEqual(['j2', 'j1']);
  });
});
