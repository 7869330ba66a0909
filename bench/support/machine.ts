import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NEST12_DIR, PROJECT_ROOT, type NestMajor } from './child-build';

/** Where the figures come from: the machine and the versions of everything measured. */
export interface MachineInfo {
  cpuModel: string;
  cpus: number;
  memoryTotal: string;
  memoryAvailable: string;
  loadAverage: number[];
  node: string;
  kafkajs: string;
  nestCore: string;
  nestMicroservices: string;
  kafka: { primary: string; secondary: string };
}

function packageVersion(name: string, root = PROJECT_ROOT): string {
  try {
    const file = path.join(root, 'node_modules', name, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function cpuModel(): string {
  try {
    const line = fs
      .readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    // not Linux: fall back to Node's view
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

/** `free -h` figures when available (what the README quotes), else Node's. */
function memory(): { total: string; available: string } {
  const free = spawnSync('free', ['-h'], { encoding: 'utf8' });
  const mem = free.status === 0 ? free.stdout.split('\n').find((l) => l.startsWith('Mem:')) : undefined;
  if (mem) {
    const cols = mem.trim().split(/\s+/);
    return { total: cols[1], available: cols[6] ?? cols[3] };
  }
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)}Gi`;
  return { total: gib(os.totalmem()), available: gib(os.freemem()) };
}

/** Kafka version of the test bed's clusters as scripts/kafka/status.sh reports it ("unknown" for other brokers). */
function kafkaVersions(): { primary: string; secondary: string } {
  const status = spawnSync('bash', [path.join(PROJECT_ROOT, 'scripts', 'kafka', 'status.sh')], {
    encoding: 'utf8',
  });
  const version = (name: string) =>
    new RegExp(`${name}: running \\(pid \\d+, Kafka ([^,]+),`).exec(status.stderr ?? '')?.[1] ?? 'unknown';
  return { primary: version('primary'), secondary: version('secondary') };
}

/** The machine, and the versions the child processes resolve for `nest`. */
export function describeMachine(nest: NestMajor): MachineInfo {
  const nestRoot = nest === 12 ? NEST12_DIR : PROJECT_ROOT;
  const { total, available } = memory();
  return {
    cpuModel: cpuModel(),
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    memoryTotal: total,
    memoryAvailable: available,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    kafkajs: packageVersion('kafkajs'),
    nestCore: packageVersion('@nestjs/core', nestRoot),
    nestMicroservices: packageVersion('@nestjs/microservices', nestRoot),
    kafka: kafkaVersions(),
  };
}
