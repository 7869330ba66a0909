import { DEAD_LETTER_HEADERS } from '../../consumer/dead-letter';
import type { Headers } from '../../driver/kafka-driver.port';

/** Headers the Web UI's replay adds to a replayed message (and which a dead letter of it carries again). */
export const REPLAY_HEADERS = {
  /** `cluster/topic/partition/offset` of the dead letter it was replayed from. */
  of: 'karafka_replay_of',
  by: 'karafka_replayed_by',
  at: 'karafka_replayed_at',
} as const;

/** Where a dead letter came from and why it died, read from its headers. */
export interface DeadLetterInfo {
  sourceTopic?: string;
  sourcePartition?: number;
  sourceOffset?: string;
  /** The header's cluster, else the dead-letter topic's own (dead letters are written on their source's cluster). */
  sourceCluster: string;
  attempts?: number;
  errorClass?: string;
  errorMessage?: string;
  /** Set when the dead letter is itself a replayed message that failed again. */
  replayOf?: string;
}

export function readDeadLetter(
  headers: Record<string, string | undefined>,
  deadLetterCluster: string,
): DeadLetterInfo {
  const number = (value: string | undefined) =>
    value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
  const offset = headers[DEAD_LETTER_HEADERS.offset];
  return {
    sourceTopic: headers[DEAD_LETTER_HEADERS.topic] || undefined,
    sourcePartition: number(headers[DEAD_LETTER_HEADERS.partition]),
    sourceOffset: offset !== undefined && /^\d+$/.test(offset) ? offset : undefined,
    sourceCluster: headers[DEAD_LETTER_HEADERS.cluster] || deadLetterCluster,
    attempts: number(headers[DEAD_LETTER_HEADERS.attempts]),
    errorClass: headers[DEAD_LETTER_HEADERS.errorClass] || undefined,
    errorMessage: headers[DEAD_LETTER_HEADERS.errorMessage] || undefined,
    replayOf: headers[REPLAY_HEADERS.of] || undefined,
  };
}

/** A dead letter's identity across clusters: `cluster/topic/partition/offset`. */
export function deadLetterId(cluster: string, topic: string, partition: number, offset: string): string {
  return `${cluster}/${topic}/${partition}/${offset}`;
}

/**
 * The headers of a replayed message: the original message's own, without the dead-letter ones (they describe
 * the failure, not the message) and with where it was replayed from, by whom and when.
 */
export function replayHeaders(
  rawHeaders: Headers,
  replay: { id: string; user: string; at: number },
): Headers {
  const dropped = new Set<string>([...Object.values(DEAD_LETTER_HEADERS), ...Object.values(REPLAY_HEADERS)]);
  const headers: Headers = {};
  for (const [name, value] of Object.entries(rawHeaders)) if (!dropped.has(name)) headers[name] = value;
  headers[REPLAY_HEADERS.of] = replay.id;
  headers[REPLAY_HEADERS.by] = replay.user;
  headers[REPLAY_HEADERS.at] = new Date(replay.at).toISOString();
  return headers;
}
