/**
 * Keeps `npm run bench` from rotting: runs its quick mode on tiny counts against the real clusters and checks
 * only that it completes and reports. No figure is asserted: speed is measured by the benchmark, not by tests.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT, primaryBrokers, secondaryBrokers } from '../support/kafka-env';

const REQUIRED_RATIOS = [
  'consume_vs_kafkajs_eachBatch',
  'consume_vs_nest_microservices',
  'produceAsync_vs_kafkajs_batched',
  'produceAsync_vs_one_by_one',
  'enhancer_overhead',
];

describe('benchmark runner (smoke)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
  const jsonFile = path.join(dir, 'results.json');

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs the quick mode on tiny counts and writes every ratio as a number', async () => {
    const args = [
      path.join(PROJECT_ROOT, 'bench', 'bench.js'),
      ...[
        '--quick',
        '--messages',
        '600',
        '--rounds',
        '1',
        '--produce-messages',
        '200',
        '--one-by-one-messages',
        '10',
      ],
      ...['--memory-groups', '2', '--json', jsonFile],
    ];
    const env = {
      ...process.env,
      KAFKA_PRIMARY_BROKERS: primaryBrokers().join(','),
      KAFKA_SECONDARY_BROKERS: secondaryBrokers().join(','),
    };
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      const child = execFile(
        process.execPath,
        args,
        { cwd: PROJECT_ROOT, env, maxBuffer: 16 << 20, timeout: 280_000 },
        (_error, out, err) => resolve({ code: child.exitCode, stdout: out, stderr: err }),
      );
    });

    expect({ code, stderr: code === 0 ? '' : `${stdout}\n${stderr}`.slice(-3000) }).toEqual({
      code: 0,
      stderr: '',
    });
    expect(stdout).toContain('Ratios in this run');
    const results = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { ratios: Record<string, unknown> };
    for (const name of REQUIRED_RATIOS) {
      expect({ name, type: typeof results.ratios[name] }).toEqual({ name, type: 'number' });
    }
  }, 300_000);
});
