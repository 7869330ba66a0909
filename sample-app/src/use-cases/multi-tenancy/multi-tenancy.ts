import { Injectable } from '@nestjs/common';
import { InjectProducer, KafkaProducer, KafkaTopic } from 'nestjs-karafka';
import { RecordingConsumer } from '../../recording-consumer';
import type { UseCase } from '../use-case.interface';

const TITLE = 'Multi-tenancy: a tenant → cluster map decides where each tenant’s events go';
const TOPIC = 'sample.tenant.events';

/** One class consumes the tenant topic on both clusters: two routes, two subscription groups. */
@KafkaTopic(TOPIC)
@KafkaTopic(TOPIC, { cluster: 'secondary' })
export class TenantEventsConsumer extends RecordingConsumer {
  protected readonly useCase = TITLE;
}

@Injectable()
export class MultiTenancy implements UseCase {
  readonly title = TITLE;
  readonly expectedConsumed = 2;
  private readonly producerOf: Record<string, KafkaProducer>;

  constructor(
    @InjectProducer() primary: KafkaProducer,
    @InjectProducer('secondary') secondary: KafkaProducer,
  ) {
    this.producerOf = { acme: primary, globex: secondary };
  }

  async produce(runId: string): Promise<string[]> {
    const lines: string[] = [];
    for (const [tenant, producer] of Object.entries(this.producerOf)) {
      await producer.produceSync({
        topic: TOPIC,
        key: tenant,
        payload: { runId, tenant, event: 'invoice.paid' },
      });
      lines.push(`tenant ${tenant} → ${TOPIC} on '${producer.cluster}'`);
    }
    return lines;
  }
}
