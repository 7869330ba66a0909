import type { KarafkaAdmin } from '../../admin/karafka-admin';
import type { ReadTopicOptions } from '../../admin/karafka-admin.interface';
import type { KafkaMessage } from '../../message/kafka-message.interface';
import { isDeadLetterOf, toDeadLetter } from '../dead-letter-view';
import type { DeadLetter } from '../karafka-testing.interface';

export interface ReadMessagesOptions extends ReadTopicOptions {
  /** Only this partition (default: every partition). */
  partition?: number;
}

/**
 * Every message `topic` holds on the admin's cluster, by partition then offset, decoded as the topic's consumer
 * decodes it (a value it cannot decode keeps its bytes). Reads without joining or committing for any group.
 */
export async function readMessages<T = unknown>(
  admin: KarafkaAdmin,
  topic: string,
  options: ReadMessagesOptions = {},
): Promise<Array<KafkaMessage<T>>> {
  const { partition: only, ...read } = options;
  const watermarks = (await admin.readWatermarkOffsets(topic)).filter(
    ({ partition }) => only === undefined || partition === only,
  );
  const batches = await Promise.all(
    watermarks.map(({ partition, low, high }) => {
      const count = Number(BigInt(high) - BigInt(low));
      return count === 0 ? [] : admin.readTopic(topic, partition, count, low, read);
    }),
  );
  return batches.flat() as Array<KafkaMessage<T>>;
}

/**
 * The dead letters of `sourceTopic` in `deadLetterTopic` on the admin's cluster (the topic's own cluster: dead
 * letters are produced there), with where and why each message failed.
 */
export async function readDeadLetters<T = unknown>(
  admin: KarafkaAdmin,
  deadLetterTopic: string,
  sourceTopic: string,
): Promise<Array<DeadLetter<T>>> {
  const messages = await readMessages<T>(admin, deadLetterTopic);
  return messages
    .filter((message) => isDeadLetterOf(message, sourceTopic))
    .map((message) => toDeadLetter(message));
}
