/**
 * An independent view of the clusters for the admin and topics e2e tests: Apache Kafka's own Java tools
 * (scripts/kafka/tool.sh), which share no code with kafkajs or the library.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { KAFKA_SCRIPTS_DIR, PROJECT_ROOT } from '../support/kafka-env';

const execFileAsync = promisify(execFile);

async function kafkaTool(
  mainClass: string,
  args: string[],
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await execFileAsync(
      'bash',
      [path.join(KAFKA_SCRIPTS_DIR, 'tool.sh'), mainClass, ...args],
      {
        cwd: PROJECT_ROOT,
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: number };
    return {
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
      code: typeof failed.code === 'number' ? failed.code : 1,
    };
  }
}

export interface PeerTopic {
  partitions: number;
  replicationFactor: number;
  /** The topic's non-default configs as TopicCommand prints them. */
  configs: Record<string, string>;
}

/** `kafka-topics --describe`: the topic's shape, or null when the cluster has no such topic. */
export async function peerDescribeTopic(brokers: string[], topic: string): Promise<PeerTopic | null> {
  const { stdout, stderr, code } = await kafkaTool('org.apache.kafka.tools.TopicCommand', [
    '--bootstrap-server',
    brokers.join(','),
    '--describe',
    '--topic',
    topic,
  ]);
  if (code !== 0) {
    if (/does not exist/.test(stdout + stderr)) return null;
    throw new Error(`kafka-topics --describe ${topic} failed (${code}): ${stderr.slice(-500)}`);
  }
  const header = stdout.split('\n').find((line) => line.startsWith(`Topic: ${topic}\t`));
  const field = (name: string) => header?.match(new RegExp(`${name}: ([^\\t]*)`))?.[1]?.trim() ?? '';
  const configs = Object.fromEntries(
    field('Configs')
      .split(',')
      .filter(Boolean)
      .map((entry) => entry.split('=') as [string, string]),
  );
  return {
    partitions: Number(field('PartitionCount')),
    replicationFactor: Number(field('ReplicationFactor')),
    configs,
  };
}

/** `kafka-cluster cluster-id`. */
export async function peerClusterId(brokers: string[]): Promise<string> {
  const { stdout, stderr, code } = await kafkaTool('org.apache.kafka.tools.ClusterTool', [
    'cluster-id',
    '--bootstrap-server',
    brokers.join(','),
  ]);
  const id = stdout.match(/Cluster ID: (\S+)/)?.[1];
  if (code !== 0 || !id) throw new Error(`kafka-cluster cluster-id failed (${code}): ${stderr.slice(-500)}`);
  return id;
}

export interface PeerGroupOffset {
  topic: string;
  partition: number;
  /** null when the group has no committed offset ('-'). */
  currentOffset: string | null;
  logEndOffset: string;
  lag: string | null;
}

/** `kafka-consumer-groups --describe`: committed offset, log end and lag per partition (sorted); null for an unknown group. */
export async function peerGroupOffsets(brokers: string[], group: string): Promise<PeerGroupOffset[] | null> {
  const { stdout, stderr } = await kafkaTool('org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', [
    '--bootstrap-server',
    brokers.join(','),
    '--describe',
    '--group',
    group,
  ]);
  if (/GroupIdNotFoundException|does not exist/.test(stdout + stderr)) return null;
  const rows = stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells[0] === group);
  return rows
    .map(([, topic, partition, current, logEnd, lag]) => ({
      topic,
      partition: Number(partition),
      currentOffset: current === '-' ? null : current,
      logEndOffset: logEnd,
      lag: lag === '-' ? null : lag,
    }))
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}
