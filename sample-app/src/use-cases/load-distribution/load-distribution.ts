import { Injectable } from '@nestjs/common';
import { InjectProducer, KafkaProducer, KafkaTopic } from 'nestjs-karafka';
import { RecordingConsumer } from '../../recording-consumer';
import { SECONDARY_BROKERS } from '../../kafka-env';
import type { UseCase } from '../use-case.interface';

const TITLE = 'Load distribution: the high-traffic clicks topic moved to its own cluster';
const CLICKS = 100;

/**
 * Inline cluster settings merged into the root ones (`inherit: true`): the same brokers as the named
 * `secondary` cluster, so the registry treats it as that cluster. Bigger batches give the topic its own
 * subscription group (its own kafkajs consumer).
 */
@KafkaTopic('sample.clicks', {
  kafka: { 'bootstrap.servers': SECONDARY_BROKERS },
  inherit: true,
  maxMessages: 500,
})
export class ClicksConsumer extends RecordingConsumer {
  protected readonly useCase = TITLE;
}

@Injectable()
export class LoadDistribution implements UseCase {
  readonly title = TITLE;
  readonly expectedConsumed = CLICKS;

  constructor(@InjectProducer('secondary') private readonly producer: KafkaProducer) {}

  async produce(runId: string): Promise<string[]> {
    const clicks = Array.from({ length: CLICKS }, (_, i) => ({
      topic: 'sample.clicks',
      key: `user-${i % 10}`,
      payload: { runId, click: i },
    }));
    // Enqueued in one tick: the producer sends them as one batch.
    await Promise.all(clicks.map((click) => this.producer.produceAsync(click)));
    return [`${CLICKS} clicks → sample.clicks on '${this.producer.cluster}' (produceAsync, one batch)`];
  }
}
