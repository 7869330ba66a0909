import { sampleReport } from '../../../test/unit/web/sample-report';
import { MAX_CLOCK_SKEW_MS, statusChecks, type StatusInputs } from './status-checks';
import type { GroupReport, ProcessView } from './web-report.interface';

const NOW = 1_700_000_000_000;
const TOPICS = { reports: 'r', states: 's', metrics: 'm', errors: 'e' };

const webGroup: GroupReport = {
  cluster: 'primary',
  brokers: ['127.0.0.1:19092'],
  groupId: 'karafka_web',
  subscriptionGroup: 'karafka_web',
  topics: ['r'],
  state: 'running',
  stateSince: NOW - 10_000,
  concurrency: 1,
  partitions: [],
};

function view(id: string, overrides: Partial<ProcessView> = {}): ProcessView {
  return { ...sampleReport(id, NOW - 1000), receivedAt: NOW - 990, status: 'up', ...overrides };
}

function inputs(overrides: Partial<StatusInputs> = {}): StatusInputs {
  return {
    now: NOW,
    reporting: { name: 'primary', brokers: ['127.0.0.1:19092'], producer: 'default', reason: 'Because.' },
    topics: TOPICS,
    clusterTopics: { names: ['r', 's', 'm', 'e', 'orders'], reportsPartitions: 1 },
    processes: [view('me', { groups: [webGroup] }), view('other')],
    ownProcessId: 'me',
    processing: { subscriptionGroup: 'karafka_web', consumerGroup: 'karafka_web' },
    published: { at: NOW - 2000, by: 'me' },
    webProducer: 'web:default',
    delivery: { delivered: 3, lastDeliveredAt: NOW - 1000 },
    trackingInterval: 5000,
    ...overrides,
  };
}

const check = (all: ReturnType<typeof statusChecks>, name: string) => all.find((c) => c.name === name)!;

describe('statusChecks', () => {
  it('passes every check of a healthy set-up, naming the reporting cluster and why', () => {
    const checks = statusChecks(inputs());
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['Reporting cluster', true],
      ['Reporting topics', true],
      ['Processing consumer', true],
      ['Reports arriving', true],
      ['Web producer', true],
      ['Clocks', true],
    ]);
    expect(checks[0].detail).toBe('primary (127.0.0.1:19092). Because.');
    expect(check(checks, 'Processing consumer').detail).toBe(
      "Runs in host-a:100 (consumer group 'karafka_web' on cluster 'primary'); the state was published 2.0 s ago by host-a:100.",
    );
    expect(check(checks, 'Reports arriving').detail).toBe('2 processes reporting: host-a:100, host-a:100.');
    expect(checks.every((c) => c.fix === undefined)).toBe(true);
  });

  it('says how to create missing topics, and that the reports topic needs one partition', () => {
    const missing = check(statusChecks(inputs({ clusterTopics: { names: ['r', 'e'] } })), 'Reporting topics');
    expect(missing).toMatchObject({
      ok: false,
      detail: "Missing on cluster 'primary' (127.0.0.1:19092): s, m.",
    });
    expect(missing.fix).toContain('npx nestjs-karafka web install --module');
    expect(missing.fix).toContain('autoMigrate: true');

    const split = check(
      statusChecks(inputs({ clusterTopics: { names: Object.values(TOPICS), reportsPartitions: 3 } })),
      'Reporting topics',
    );
    expect(split).toMatchObject({ ok: false, detail: "'r' has 3 partitions." });
    const unreachable = check(
      statusChecks(inputs({ clusterTopics: { error: 'ECONNREFUSED' } })),
      'Reporting topics',
    );
    expect(unreachable.detail).toContain('cannot be listed: ECONNREFUSED');
  });

  it('asks for processing: true when nobody processes, and points at lag when the state is stale', () => {
    const nobody = check(
      statusChecks(inputs({ processes: [view('me')], published: undefined })),
      'Processing consumer',
    );
    expect(nobody.ok).toBe(false);
    expect(nobody.fix).toContain('`processing: true`');

    const stale = check(
      statusChecks(inputs({ published: { at: NOW - 60_000, by: 'me' } })),
      'Processing consumer',
    );
    expect(stale).toMatchObject({
      ok: false,
      detail: 'The processing consumer runs in host-a:100 but last published the state 60.0 s ago.',
    });
    expect(stale.fix).toContain("its lag on 'r'");
  });

  it('fails the reports check when this process’s reports are not among those materialised', () => {
    const checks = statusChecks(inputs({ ownProcessId: 'elsewhere' }));
    expect(check(checks, 'Reports arriving')).toMatchObject({
      ok: false,
      fix: expect.stringContaining('Web producer'),
    });
    const none = statusChecks(inputs({ processes: [view('me', { status: 'gone' })] }));
    expect(check(none, 'Reports arriving').detail).toBe('No process has reported within the process TTL.');
  });

  it('shows the Web producer’s last failure, and that nothing went out yet', () => {
    const failing = check(
      statusChecks(
        inputs({
          delivery: {
            delivered: 3,
            lastDeliveredAt: NOW - 9000,
            lastFailedAt: NOW - 10,
            lastError: 'timed out',
          },
        }),
      ),
      'Web producer',
    );
    expect(failing).toMatchObject({
      ok: false,
      detail: "'web:default' could not deliver this process's last report: timed out",
    });
    expect(failing.fix).toContain("may write to 'r' and 'e'");
    expect(check(statusChecks(inputs({ delivery: { delivered: 0 } })), 'Web producer').ok).toBe(false);
  });

  it('flags a report received far from its own time, either way', () => {
    const ahead = view('other', { reportedAt: NOW, receivedAt: NOW - MAX_CLOCK_SKEW_MS - 1000 });
    const clocks = check(
      statusChecks(inputs({ processes: [view('me', { groups: [webGroup] }), ahead] })),
      'Clocks',
    );
    expect(clocks).toMatchObject({
      ok: false,
      detail: "host-a:100's last report was received 6.0 s before its own time (more than 5.0 s).",
    });
    expect(clocks.fix).toContain('NTP');
    expect(check(statusChecks(inputs()), 'Clocks').detail).toBe(
      "Widest gap: host-a:100's last report was received 10 ms after its own time.",
    );
  });
});
