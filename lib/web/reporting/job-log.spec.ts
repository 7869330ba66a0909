import { KarafkaMonitor } from '../../instrumentation/karafka-monitor';
import { JobLog, RECENT_JOBS_REPORTED } from './job-log';

const place = { cluster: 'secondary', topic: 'mailers', partition: 0 };

describe('JobLog', () => {
  it('follows each job from performing to performed or failed', () => {
    let now = 1000;
    const monitor = new KarafkaMonitor();
    const log = new JobLog(() => now);
    log.attach(monitor);

    monitor.emit('job.performing', { id: 'j1', job: 'SendMail', ...place, offset: '4', attempt: 1 });
    monitor.emit('job.performing', { id: 'j2', job: 'SendMail', ...place, offset: '5', attempt: 2 });
    expect(log.snapshot().running.map((job) => [job.id, job.state, job.attempt])).toEqual([
      ['j1', 'running', 1],
      ['j2', 'running', 2],
    ]);

    now = 1500;
    monitor.emit('job.performed', {
      id: 'j1',
      job: 'SendMail',
      ...place,
      offset: '4',
      attempt: 1,
      durationMs: 500,
    });
    monitor.emit('job.failed', {
      id: 'j2',
      job: 'SendMail',
      ...place,
      offset: '5',
      attempt: 2,
      durationMs: 500,
      error: new Error('smtp down'),
    });

    const { running, recent } = log.snapshot();
    expect(running).toEqual([]);
    expect(recent).toEqual([
      {
        id: 'j2',
        name: 'SendMail',
        cluster: 'secondary',
        topic: 'mailers',
        state: 'failed',
        attempt: 2,
        startedAt: 1000,
        finishedAt: 1500,
        error: 'smtp down',
      },
      expect.objectContaining({ id: 'j1', state: 'performed', startedAt: 1000, finishedAt: 1500 }),
    ]);
  });

  it(`reports the last ${RECENT_JOBS_REPORTED} finished jobs, and nothing once detached`, () => {
    const monitor = new KarafkaMonitor();
    const log = new JobLog();
    const detach = log.attach(monitor);
    for (let i = 0; i < RECENT_JOBS_REPORTED + 3; i++)
      monitor.emit('job.performed', {
        id: `j${i}`,
        job: 'A',
        ...place,
        offset: String(i),
        attempt: 1,
        durationMs: 1,
      });
    expect(log.snapshot().recent).toHaveLength(RECENT_JOBS_REPORTED);
    expect(log.snapshot().recent[0].id).toBe(`j${RECENT_JOBS_REPORTED + 2}`);

    detach();
    monitor.emit('job.performing', { id: 'late', job: 'A', ...place, offset: '99', attempt: 1 });
    expect(log.snapshot().running).toEqual([]);
  });
});
