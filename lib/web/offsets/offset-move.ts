import type { SeekTarget } from '../../admin/karafka-admin.interface';
import { WebHttpError } from '../http/web-exchange.interface';
import { offsetParam, partitionParam, timeParam } from '../explorer/explorer-request';

/** An offset change asked for on the Offsets page: one topic, one partition or all, one target. */
export interface OffsetMove {
  topic: string;
  /** Undefined: every partition of the topic. */
  partition?: number;
  target: SeekTarget;
  /** How the target reads on the page: `earliest`, `latest`, `offset 42`, `2024-05-01 12:00:00 UTC`. */
  description: string;
}

const TARGETS = ['earliest', 'latest', 'offset', 'time'] as const;

/**
 * The move a form asks for: `topic`, `partition` (a number or `all`), `target` (earliest, latest, offset or
 * time) and `value` (the offset or the UTC time). A bad field is a 400 naming it.
 */
export function readOffsetMove(fields: { get(name: string): string | null | undefined }): OffsetMove {
  const topic = (fields.get('topic') ?? '').trim();
  if (topic === '') throw new WebHttpError(400, 'Choose the topic whose offsets to move.');
  const partitionText = (fields.get('partition') ?? 'all').trim();
  const partition =
    partitionText === 'all' || partitionText === '' ? undefined : partitionParam(partitionText);
  const target = (fields.get('target') ?? '').trim();
  const value = fields.get('value') ?? '';
  switch (target as (typeof TARGETS)[number]) {
    case 'earliest':
    case 'latest':
      return { topic, partition, target: target as 'earliest' | 'latest', description: target };
    case 'offset': {
      const offset = offsetParam('value', value);
      if (offset === undefined) throw new WebHttpError(400, 'Give the offset to move to.');
      return { topic, partition, target: offset, description: `offset ${offset}` };
    }
    case 'time': {
      const time = timeParam(value);
      if (!time) throw new WebHttpError(400, 'Give the time to move to (UTC).');
      return {
        topic,
        partition,
        target: time,
        description: `the first message at or after ${time.toISOString()}`,
      };
    }
    default:
      throw new WebHttpError(400, `The target must be one of ${TARGETS.join(', ')}, got '${target}'.`);
  }
}

/** The move as `seekConsumerGroup` takes it. */
export function seekSpecOf(move: OffsetMove): Record<string, SeekTarget | Record<number, SeekTarget>> {
  return { [move.topic]: move.partition === undefined ? move.target : { [move.partition]: move.target } };
}
