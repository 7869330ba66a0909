/**
 * What e2e tests need to talk to the test bed's real clusters: their addresses, unique names, polling,
 * topic creation and an independent peer reader (kcat, or Kafka's own console consumer).
 * kafkajs is used directly here (not through lib/) because this is test scaffolding, not library code.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from '../../lib/testing';
import {
  consoleConsumerProperties,
  parseConsoleConsumerOutput,
  parseKcatJsonLines,
  sortByPosition,
  type PeerMessage,
} from './peer-output';

export type { PeerHeaders, PeerHeaderValue, PeerMessage } from './peer-output';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const KAFKA_SCRIPTS_DIR = path.join(PROJECT_ROOT, 'scripts', 'kafka');
export const DEFAULT_PRIMARY_BROKERS = '127.0.0.1:19092';
export const DEFAULT_SECONDARY_BROKERS = '127.0.0.1:29092';

export type TestbedClusterName = 'primary' | 'secondary' | 'secure';

/** Splits a comma-separated broker list; an unset or blank value gives the fallback list. */
export function parseBrokerList(value: string | undefined, fallback: string): string[] {
  const source = value !== undefined && value.trim() !== '' ? value : fallback;
  const brokers = source
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d+$/.test(broker)) {
      throw new Error(`broker address '${broker}' in '${source}' is not host:port`);
    }
  }
  return brokers;
}

/** The primary cluster: KAFKA_PRIMARY_BROKERS, else the test bed's 127.0.0.1:19092. */
export function primaryBrokers(): string[] {
  return parseBrokerList(process.env.KAFKA_PRIMARY_BROKERS, DEFAULT_PRIMARY_BROKERS);
}

/** The secondary cluster: KAFKA_SECONDARY_BROKERS, else the test bed's 127.0.0.1:29092. */
export function secondaryBrokers(): string[] {
  return parseBrokerList(process.env.KAFKA_SECONDARY_BROKERS, DEFAULT_SECONDARY_BROKERS);
}

// Shared with users' own tests: the same helpers, from nestjs-karafka/testing.
export { uniqueName, waitFor, type WaitForOptions } from '../../lib/testing';

/** A short-lived kafkajs client for test set-up and checks, quiet unless something is wrong. */
export function testKafka(brokers: string[], clientId = 'nestjs-karafka-e2e'): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.ERROR });
}

/**
 * Whether the cluster answers a metadata request right now: one attempt, no retries, bounded by `timeoutMs`,
 * so a poll loop can tell the moment a restarted broker starts answering.
 */
export async function answersMetadata(brokers: string[], timeoutMs = 1000): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'nestjs-karafka-e2e-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function withAdmin<T>(
  brokers: string[],
  use: (admin: ReturnType<Kafka['admin']>) => Promise<T>,
): Promise<T> {
  const admin = testKafka(brokers, 'nestjs-karafka-e2e-admin').admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Sum over the topic's partitions of high − low watermark: how many records (and markers) it holds. */
export async function recordCount(brokers: string[], topic: string): Promise<number> {
  return withAdmin(brokers, async (admin) => {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
  });
}

/** Removes what a test created (only the named topics that exist), with kafkajs directly. */
export async function deleteTopics(brokers: string[], names: string[]): Promise<void> {
  await withAdmin(brokers, async (admin) => {
    const existing = new Set(await admin.listTopics());
    const doomed = names.filter((name) => existing.has(name));
    if (doomed.length > 0) await admin.deleteTopics({ topics: doomed });
  });
}

/**
 * Creates a topic (with topic configs, e.g. `{ 'max.message.bytes': '2048' }`) and waits until every partition
 * has a leader. Fails if the topic already exists.
 */
export async function createTopic(
  brokers: string[],
  name: string,
  partitions = 1,
  config: Record<string, string> = {},
): Promise<void> {
  await withAdmin(brokers, async (admin) => {
    const configEntries = Object.entries(config).map(([configName, value]) => ({ name: configName, value }));
    const created = await admin.createTopics({
      topics: [{ topic: name, numPartitions: partitions, configEntries }],
    });
    if (!created) throw new Error(`topic '${name}' already exists on ${brokers.join(',')}`);
    // Not kafkajs' `waitForLeaders`: it gives up when a broker that has just started does not know the new
    // topic yet (UNKNOWN_TOPIC_OR_PARTITION); asking again until every partition has a leader covers that.
    await waitFor(
      async () => {
        const { topics } = await admin.fetchTopicMetadata({ topics: [name] });
        const found = topics[0]?.partitions ?? [];
        return found.length === partitions && found.every((partition) => partition.leader >= 0);
      },
      { description: `leaders for the ${partitions} partition(s) of '${name}' on ${brokers.join(',')}` },
    );
  });
}

/** Whether the cluster knows the topic (asks without triggering auto-creation). */
export async function topicExists(brokers: string[], name: string): Promise<boolean> {
  return withAdmin(brokers, async (admin) => (await admin.listTopics()).includes(name));
}

export type PeerTool = 'kcat' | 'console';

/** kcat when it is on PATH, else Kafka's console consumer; KAFKA_TESTBED_PEER=kcat|console forces one. */
export function peerTool(): PeerTool {
  const forced = process.env.KAFKA_TESTBED_PEER;
  if (forced === 'kcat' || forced === 'console') return forced;
  if (forced) throw new Error(`KAFKA_TESTBED_PEER must be 'kcat' or 'console', got '${forced}'`);
  return spawnSync('kcat', ['-V'], { stdio: 'ignore' }).status === 0 ? 'kcat' : 'console';
}

export interface ReadWithPeerOptions {
  /** Give up after this long (default 30 s); the error says how many records arrived. */
  timeoutMs?: number;
  /** Which peer to use (default: peerTool()). */
  tool?: PeerTool;
  /** Client properties for a secured cluster (SASL, TLS); the console consumer is used then. */
  clientProperties?: Record<string, string>;
}

/**
 * Reads `count` records from the start of `topic` with a client that shares nothing with kafkajs
 * (kcat/librdkafka, or the Java console consumer), sorted by partition and offset.
 */
export async function readWithPeer(
  brokers: string[],
  topic: string,
  count: number,
  { timeoutMs = 30_000, tool: chosen, clientProperties }: ReadWithPeerOptions = {},
): Promise<PeerMessage[]> {
  const bootstrap = brokers.join(',');
  // Debian's kcat (librdkafka 2.0) cannot log in with SCRAM to Kafka 4: secured clusters get Kafka's own tool.
  const tool = clientProperties ? 'console' : (chosen ?? peerTool());
  const { messages, timedOut, killAfterMs, stderr } = await runPeer(tool, bootstrap, topic, {
    count,
    timeoutMs,
    clientProperties,
  });
  if (messages.length < count) {
    const why = timedOut ? `stopped after ${killAfterMs} ms` : `${tool} exited on its own`;
    throw new Error(
      `${tool} read ${messages.length} of ${count} records from '${topic}' on ${bootstrap} (${why}). ` +
        `stderr: ${stderr.trim().slice(-500) || '(empty)'}`,
    );
  }
  return messages;
}

/**
 * Every record `topic` holds now, read from the start with the independent peer (kcat stops at the end of
 * each partition; the console consumer once no record came for `idleMs`), sorted by partition and offset.
 * Zero records is an answer, so a test can prove a topic received nothing.
 */
export async function readAllWithPeer(
  brokers: string[],
  topic: string,
  { tool = peerTool(), idleMs = 5_000 }: { tool?: PeerTool; idleMs?: number } = {},
): Promise<PeerMessage[]> {
  const bootstrap = brokers.join(',');
  const { messages, timedOut, killAfterMs, stderr, exitCode } = await runPeer(tool, bootstrap, topic, {
    timeoutMs: idleMs,
  });
  // The console consumer exits 0 after its idle timeout too; kcat exits non-zero only when it failed.
  if (timedOut || (tool === 'kcat' && exitCode !== 0)) {
    const why = timedOut ? `stopped after ${killAfterMs} ms` : `exited with ${exitCode}`;
    throw new Error(
      `${tool} could not read '${topic}' to its end on ${bootstrap} (${why}). ` +
        `stderr: ${stderr.trim().slice(-500) || '(empty)'}`,
    );
  }
  return messages;
}

/** Runs the peer on `topic` from the start: `count` records, or (without it) up to the topic's end. */
async function runPeer(
  tool: PeerTool,
  bootstrap: string,
  topic: string,
  {
    count,
    timeoutMs,
    clientProperties,
  }: { count?: number; timeoutMs: number; clientProperties?: Record<string, string> },
): Promise<{
  messages: PeerMessage[];
  timedOut: boolean;
  killAfterMs: number;
  stderr: string;
  exitCode: number | null;
}> {
  const configArgs = clientProperties ? ['--consumer.config', writeClientProperties(clientProperties)] : [];
  const [command, args, parse] =
    tool === 'kcat'
      ? ([
          'kcat',
          [
            '-C',
            '-b',
            bootstrap,
            '-t',
            topic,
            '-o',
            'beginning',
            ...(count === undefined ? ['-e'] : ['-c', String(count)]),
            '-J',
            '-q',
          ],
          parseKcatJsonLines,
        ] as const)
      : ([
          'bash',
          [
            path.join(KAFKA_SCRIPTS_DIR, 'tool.sh'),
            'org.apache.kafka.tools.consumer.ConsoleConsumer',
            '--bootstrap-server',
            bootstrap,
            '--topic',
            topic,
            '--from-beginning',
            ...(count === undefined ? [] : ['--max-messages', String(count)]),
            '--timeout-ms',
            String(timeoutMs),
            '--consumer-property',
            'allow.auto.create.topics=false',
            ...consoleConsumerProperties(),
            ...configArgs,
          ],
          parseConsoleConsumerOutput,
        ] as const);
  // The console consumer stops itself after --timeout-ms; the extra bound only covers a JVM that hangs.
  // kcat reading to the end gets as long: its own bound is the partitions' end, this only covers a hang.
  const killAfterMs = tool === 'kcat' && count !== undefined ? timeoutMs : timeoutMs + 15_000;
  const { stdout, stderr, timedOut, exitCode } = await runWithTimeout(command, [...args], killAfterMs);
  return { messages: sortByPosition(parse(stdout)), timedOut, killAfterMs, stderr, exitCode };
}

/** Writes client properties to a temporary file, for a Java tool's `--consumer.config`/`--command-config`. */
export function writeClientProperties(properties: Record<string, string>): string {
  const file = path.join(os.tmpdir(), `nestjs-karafka-client-${randomBytes(6).toString('hex')}.properties`);
  fs.writeFileSync(
    file,
    Object.entries(properties)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(''),
  );
  return file;
}

function runWithTimeout(
  command: string,
  args: string[],
  killAfterMs: number,
): Promise<{ stdout: string; stderr: string; timedOut: boolean; exitCode: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, killAfterMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${command}: ${error.message}`));
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, timedOut, exitCode });
    });
  });
}

const execFileAsync = promisify(execFile);

/**
 * Stops one of the test bed's clusters (data kept), e.g. to prove consumers resume after an outage.
 * Only for the clusters scripts/kafka started; restart it with startTestbedCluster before the test ends.
 */
export async function stopTestbedCluster(name: TestbedClusterName): Promise<void> {
  await execFileAsync('bash', [path.join(KAFKA_SCRIPTS_DIR, 'down.sh'), name], { cwd: PROJECT_ROOT });
}

/** Starts one of the test bed's clusters (idempotent) and resolves once it answers metadata requests. */
export async function startTestbedCluster(name: TestbedClusterName): Promise<void> {
  await execFileAsync('bash', [path.join(KAFKA_SCRIPTS_DIR, 'up.sh'), name], { cwd: PROJECT_ROOT });
}
