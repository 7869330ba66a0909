import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_ROOT } from './child-build';

/**
 * Kafka's own Java perf tools, from the same jars as the brokers (scripts/kafka/tool.sh): the reference for
 * what the broker can serve on this machine, to tell whether kafkajs (the client) or the broker is the limit.
 */
export interface JavaReference {
  tool: 'ConsumerPerformance' | 'ProducerPerformance';
  messages: number;
  messagesPerSecond: number;
  /** The tool's own output line the figure was read from. */
  output: string;
}

function runTool(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [path.join(PROJECT_ROOT, 'scripts', 'kafka', 'tool.sh'), ...args],
      { timeout: timeoutMs, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(`${args[0]} failed: ${error.message}\n${`${stdout}\n${stderr}`.trim().slice(-1500)}`),
          );
        else resolve(stdout);
      },
    );
  });
}

/** Consumes `messages` from the start of `topic` with a fresh group; the rate excludes the group join. */
export async function consumerPerformance(
  brokers: string,
  topic: string,
  messages: number,
  group: string,
): Promise<JavaReference> {
  const output = await runTool(
    [
      'org.apache.kafka.tools.ConsumerPerformance',
      ...[
        '--bootstrap-server',
        brokers,
        '--topic',
        topic,
        '--messages',
        String(messages),
        '--group',
        group,
        '--timeout',
        '60000',
      ],
    ],
    180_000,
  );
  // CSV: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
  const lines = output.trim().split('\n');
  const header = lines.findIndex((line) => line.startsWith('start.time'));
  const fields = (lines[header + 1] ?? '').split(',').map((field) => field.trim());
  const consumed = Number(fields[4]);
  const fetchRate = Number(fields[9]);
  if (header < 0 || !Number.isFinite(fetchRate) || consumed < messages) {
    throw new Error(`unexpected ConsumerPerformance output:\n${output.slice(-1500)}`);
  }
  return {
    tool: 'ConsumerPerformance',
    messages: consumed,
    messagesPerSecond: fetchRate,
    output: lines[header + 1],
  };
}

/** Produces `messages` records of `recordBytes` with acks=all and the Java client's default batching. */
export async function producerPerformance(
  brokers: string,
  topic: string,
  messages: number,
  recordBytes: number,
): Promise<JavaReference> {
  const output = await runTool(
    [
      'org.apache.kafka.tools.ProducerPerformance',
      ...[
        '--topic',
        topic,
        '--num-records',
        String(messages),
        '--record-size',
        String(recordBytes),
        '--throughput',
        '-1',
      ],
      ...['--producer-props', `bootstrap.servers=${brokers}`, 'acks=all'],
    ],
    180_000,
  );
  const summary = output
    .trim()
    .split('\n')
    .reverse()
    .find((line) => /records sent, [\d.]+ records\/sec/.test(line));
  const rate = summary ? Number(/records sent, ([\d.]+) records\/sec/.exec(summary)?.[1]) : Number.NaN;
  if (!summary || !Number.isFinite(rate))
    throw new Error(`unexpected ProducerPerformance output:\n${output.slice(-1500)}`);
  return { tool: 'ProducerPerformance', messages, messagesPerSecond: rate, output: summary };
}
