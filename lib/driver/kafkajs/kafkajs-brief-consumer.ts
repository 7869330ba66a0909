import type { Batch, Consumer, Kafka } from 'kafkajs';

/** How long a short-lived consumer (reading messages, setting offsets) may run, joining the group included. */
const BRIEF_RUN_TIMEOUT_MS = 30_000;
/** Fetch wait of those consumers: short, so one that has nothing to fetch comes back at once. */
const BRIEF_FETCH_WAIT_MS = 100;

export interface BriefConsumerRun {
  groupId: string;
  topic: string;
  autoCommit: boolean;
  paused: number[] | 'all';
  seeks: Array<{ partition: number; offset: string }>;
  eachBatch?: (batch: Batch) => void;
  until: (consumer: Consumer, finish: () => void) => void;
  timeoutMessage: string;
}

/**
 * Runs a short-lived consumer of `topic` in `groupId`: pause, seek, and stop once `until` says so. kafkajs
 * cannot assign a partition without joining a group, so the admin's reads and offset changes go this way.
 */
export async function runBriefConsumer(kafka: Kafka, args: BriefConsumerRun): Promise<void> {
  const { groupId, topic } = args;
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: BRIEF_FETCH_WAIT_MS,
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${args.timeoutMessage} within ${BRIEF_RUN_TIMEOUT_MS} ms`)),
        BRIEF_RUN_TIMEOUT_MS,
      );
      const finish = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      args.until(consumer, () => finish());
      // A retriable failure (a coordinator still loading, a leader moving) restarts the consumer by itself.
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) finish(payload.error);
      });
      consumer
        .run({
          autoCommit: args.autoCommit,
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch }) => args.eachBatch?.(batch),
        })
        .catch(finish);
      // pause() and seek() are valid right after run() (kafkajs' own setOffsets relies on it).
      if (args.paused === 'all') consumer.pause([{ topic }]);
      else if (args.paused.length > 0) consumer.pause([{ topic, partitions: args.paused }]);
      for (const { partition, offset } of args.seeks) consumer.seek({ topic, partition, offset });
    });
  } finally {
    await consumer.disconnect();
  }
}
