import { positiveInteger } from '../support/bench-options';

/** Client ports of the shared test bed (docs/testbed.md); the soak never runs its faults there. */
const SHARED_TESTBED_PORTS = [19092, 29092, 39092];

/** Command-line options of `npm run soak`. */
export interface SoakOptions {
  /** Ids produced in all, split evenly over the two clusters. */
  messages: number;
  /** Consuming child processes (one consumer group, both topics). */
  consumers: number;
  /** Partitions of the topic on each cluster. */
  partitions: number;
  /** Seconds production is spread over; the fault schedule is placed within it. */
  duration: number;
  /** Seconds the secondary cluster stays down during its outage. */
  outage: number;
  /** Client ports of the soak's own clusters (controllers on port + 1). */
  primaryPort: number;
  secondaryPort: number;
}

export const SOAK_USAGE = `Usage: npm run soak -- [options]
  --messages N        ids produced, half to each cluster (default 100000)
  --consumers K       consuming child processes, one consumer group (default 2)
  --partitions P      partitions of the topic on each cluster (default 6)
  --duration S        seconds production is spread over; the faults happen within them (default 120)
  --outage S          seconds the secondary cluster is down (default 18)
  --primary-port N    client port of the soak's primary cluster (default 19592; controller N + 1)
  --secondary-port N  client port of the soak's secondary cluster (default 29592; controller N + 1)
The soak starts its own two clusters on these ports (fresh, data under .cache/kafka/clusters/<name>-<port>)
and stops them at the end; the shared test bed (19092/29092/39092) is never touched.`;

/** Parses `argv` (without node and script). Throws one error naming the offending flag. */
export function parseSoakOptions(argv: readonly string[]): SoakOptions {
  const options: SoakOptions = {
    messages: 100_000,
    consumers: 2,
    partitions: 6,
    duration: 120,
    outage: 18,
    primaryPort: 19592,
    secondaryPort: 29592,
  };
  const flags: Record<string, keyof SoakOptions> = {
    '--messages': 'messages',
    '--consumers': 'consumers',
    '--partitions': 'partitions',
    '--duration': 'duration',
    '--outage': 'outage',
    '--primary-port': 'primaryPort',
    '--secondary-port': 'secondaryPort',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = flags[argv[i]];
    if (!key) throw new Error(`unknown option '${argv[i]}'\n${SOAK_USAGE}`);
    options[key] = positiveInteger(argv[i], argv[i + 1]);
  }
  if (options.messages < 2) throw new Error('--messages must be at least 2 (one id per cluster)');
  const shared = [options.primaryPort, options.secondaryPort].filter((port) =>
    SHARED_TESTBED_PORTS.some((taken) => Math.abs(port - taken) <= 2),
  );
  if (shared.length > 0) {
    throw new Error(
      `port ${shared.join(', ')} belongs to the shared test bed (${SHARED_TESTBED_PORTS.join(', ')} and the next two): ` +
        'the soak stops and restarts its clusters, so it needs spare ports',
    );
  }
  if (Math.abs(options.primaryPort - options.secondaryPort) < 2) {
    throw new Error('--primary-port and --secondary-port need 2 ports each (client and controller)');
  }
  return options;
}
