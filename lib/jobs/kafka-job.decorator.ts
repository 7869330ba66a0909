import type { KafkaJobOptions } from './kafka-job-options.interface';

const KAFKA_JOB_METADATA = 'nestjs-karafka:kafka-job';

export interface KafkaJobMetadata {
  topic: string;
  options: KafkaJobOptions;
}

/**
 * Marks a provider as a background job (Karafka's ActiveJob): `KafkaJobs.enqueue(ThisClass, args)` writes a
 * job message to `topic`, and the app's consumer of that topic calls `perform(args, execution)` on the
 * provider's instance. Only records metadata; like ActiveJob in Karafka, jobs go to the **primary cluster**
 * unless `producer` names a producer of another cluster.
 *
 * @example @KafkaJob('mailers')                              // primary producer → primary cluster
 * @example @KafkaJob('reports', { producer: 'secondary' })   // written to and consumed from secondary
 */
export function KafkaJob(topic: string, options: KafkaJobOptions = {}): ClassDecorator {
  return (target) => {
    const existing: KafkaJobMetadata[] = Reflect.getOwnMetadata(KAFKA_JOB_METADATA, target) ?? [];
    // Kept as a list so a class decorated twice is reported at bootstrap instead of silently losing one.
    Reflect.defineMetadata(KAFKA_JOB_METADATA, [{ topic, options }, ...existing], target);
  };
}

/** What `@KafkaJob` recorded on `target` (empty when it is not a job); the one place that knows the key. */
export function getKafkaJobMetadata(target: object | undefined): KafkaJobMetadata[] {
  if (!target) return [];
  return Reflect.getOwnMetadata(KAFKA_JOB_METADATA, target) ?? [];
}
