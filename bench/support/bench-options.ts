import type { NestMajor } from './child-build';

/**
 * Command-line options of `npm run bench`. `--quick` picks small defaults; any option given explicitly wins.
 */
export type Isolation = 'process' | 'inline';
export type SuiteName = 'consume' | 'produce' | 'memory';

export interface BenchOptions {
  /** Messages in the pre-filled consume topic. */
  messages: number;
  /** Size of each consume message's JSON value, in bytes. */
  payloadBytes: number;
  /** Partitions of the consume topic (the multi-cluster case splits them over both clusters). */
  partitions: number;
  /** Rounds per case; the contenders of a case run once per round, in rotating order. */
  rounds: number;
  quick: boolean;
  /** Where to write the results as JSON. */
  json?: string;
  /** Messages per round of the produce burst cases (produceAsync, produceManySync, hand-batched kafkajs). */
  produceMessages: number;
  /** JSON value size of the produce cases' records (default their natural ~60 B). */
  produceValueBytes?: number;
  /** Messages per round of the one-by-one awaited produce cases. */
  oneByOneMessages: number;
  /** Subscription groups of the large app in the memory case (compared with an app with one). */
  memoryGroups: number;
  /** `process`: each consume contender runs in a fresh child process; `inline`: all in this process. */
  isolation: Isolation;
  suites: SuiteName[];
  /** The Nest major the child processes run on (consume and memory cases). */
  nest: NestMajor;
  /** Consume contenders to run (default all): e.g. two of them to profile. */
  consumeContenders?: string[];
  /** Also measure Kafka's Java ConsumerPerformance/ProducerPerformance on the same topics (default: not in quick mode). */
  javaReference: boolean;
  /** Write a V8 CPU profile of every child process into this directory (`node --cpu-prof`). */
  cpuProf?: string;
  /** A second driver whose module contenders run beside the default (kafkajs) driver's, with ratios. */
  driver?: 'librdkafka';
  primaryBrokers: string;
  secondaryBrokers: string;
}

const FULL = {
  messages: 200_000,
  rounds: 5,
  produceMessages: 100_000,
  oneByOneMessages: 2_000,
  memoryGroups: 9,
};
const QUICK = {
  messages: 20_000,
  rounds: 2,
  produceMessages: 10_000,
  oneByOneMessages: 300,
  memoryGroups: 5,
};
const SUITES: readonly SuiteName[] = ['consume', 'produce', 'memory'];

export const BENCH_USAGE = `Usage: npm run bench -- [options]
  --messages N          messages in the pre-filled consume topic (full 200000, quick 20000)
  --payload-bytes N     JSON value size of consumed messages (default 1024)
  --partitions N        partitions of the consume topic (default 6)
  --rounds N            rounds per case, contenders alternate order (full 5, quick 2)
  --quick               small counts, finishes in under 2 minutes
  --json FILE           also write the results (with a top-level "ratios" object) to FILE
  --produce-messages N  messages per produce burst round (full 100000, quick 10000)
  --one-by-one-messages N  messages per one-by-one produce round (full 2000, quick 300)
  --memory-groups N     subscription groups of the large app in the memory case (full 9, quick 5)
  --isolation process|inline  consume contenders in child processes (default) or in this process
  --only LIST           comma-separated suites to run: consume,produce,memory (default all)
  --nest 11|12          Nest major of the Nest-based contenders (default 12, installed into .cache/nest12;
                        11 is the project's own)
  --contenders LIST     comma-separated consume contenders to run (default all; names as in the table's log)
  --java-reference, --no-java-reference  also run Kafka's Java perf tools on the same topics as the
                        broker's reference (default on, off in quick mode)
  --produce-value-bytes N  pad the produce cases' JSON values to about N bytes (default ~60 B)
  --cpu-prof DIR        write a CPU profile of every child process into DIR
  --driver librdkafka   also run the module's consume and produceAsync cases on the librdkafka driver, beside
                        the default kafkajs driver, with the ratios
Brokers: KAFKA_PRIMARY_BROKERS (default 127.0.0.1:19092), KAFKA_SECONDARY_BROKERS (default 127.0.0.1:29092).`;

/** A flag's value as an integer ≥ 1, or an error naming the flag. */
export function positiveInteger(flag: string, raw: string | undefined): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isInteger(value) || value < 1) {
    throw new Error(`${flag} expects a positive integer, got ${raw === undefined ? 'nothing' : `'${raw}'`}`);
  }
  return value;
}

/** Parses `argv` (without node and script). Throws one error naming the offending flag. */
export function parseBenchOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): BenchOptions {
  const given: Partial<BenchOptions> = {};
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = () => {
      i += 1;
      return argv[i];
    };
    switch (flag) {
      case '--quick':
        quick = true;
        break;
      case '--java-reference':
      case '--no-java-reference':
        given.javaReference = flag === '--java-reference';
        break;
      case '--messages':
        given.messages = positiveInteger(flag, next());
        break;
      case '--payload-bytes':
        given.payloadBytes = positiveInteger(flag, next());
        break;
      case '--partitions':
        given.partitions = positiveInteger(flag, next());
        break;
      case '--rounds':
        given.rounds = positiveInteger(flag, next());
        break;
      case '--produce-messages':
        given.produceMessages = positiveInteger(flag, next());
        break;
      case '--produce-value-bytes':
        given.produceValueBytes = positiveInteger(flag, next());
        break;
      case '--one-by-one-messages':
        given.oneByOneMessages = positiveInteger(flag, next());
        break;
      case '--memory-groups':
        given.memoryGroups = positiveInteger(flag, next());
        if (given.memoryGroups < 2)
          throw new Error('--memory-groups must be at least 2 (it is compared with an app with 1)');
        break;
      case '--json':
      case '--cpu-prof': {
        const value = next();
        if (!value || value.startsWith('--')) throw new Error(`${flag} expects a path`);
        given[flag === '--json' ? 'json' : 'cpuProf'] = value;
        break;
      }
      case '--isolation': {
        const value = next();
        if (value !== 'process' && value !== 'inline')
          throw new Error(`--isolation expects 'process' or 'inline', got '${value}'`);
        given.isolation = value;
        break;
      }
      case '--only': {
        const names = (next() ?? '').split(',').filter(Boolean);
        const unknown = names.filter((name) => !SUITES.includes(name as SuiteName));
        if (names.length === 0 || unknown.length > 0) {
          throw new Error(
            `--only expects a comma-separated list of ${SUITES.join(', ')}; unknown: '${unknown.join(',')}'`,
          );
        }
        given.suites = names as SuiteName[];
        break;
      }
      case '--nest': {
        const value = next();
        if (value !== '11' && value !== '12') throw new Error(`--nest expects 11 or 12, got '${value}'`);
        given.nest = Number(value) as NestMajor;
        break;
      }
      case '--driver': {
        const value = next();
        if (value !== 'librdkafka') throw new Error(`--driver expects librdkafka, got '${value}'`);
        given.driver = value;
        break;
      }
      case '--contenders': {
        const names = (next() ?? '').split(',').filter(Boolean);
        if (names.length === 0)
          throw new Error('--contenders expects a comma-separated list of consume contenders');
        given.consumeContenders = names;
        break;
      }
      default:
        throw new Error(`unknown option '${flag}'\n${BENCH_USAGE}`);
    }
  }
  const defaults = quick ? QUICK : FULL;
  if (given.isolation === 'inline' && given.nest !== 11) {
    throw new Error(
      "--isolation inline runs the contenders in the bench's own process, which has the project's Nest 11: add --nest 11",
    );
  }
  return {
    nest: 12,
    payloadBytes: 1024,
    partitions: 6,
    isolation: 'process',
    suites: [...SUITES],
    ...defaults,
    javaReference: !quick,
    ...given,
    quick,
    primaryBrokers: env.KAFKA_PRIMARY_BROKERS || '127.0.0.1:19092',
    secondaryBrokers: env.KAFKA_SECONDARY_BROKERS || '127.0.0.1:29092',
  };
}
