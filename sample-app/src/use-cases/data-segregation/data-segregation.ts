import { Injectable } from '@nestjs/common';
import { InjectProducer, KafkaProducer, KafkaTopic } from 'nestjs-karafka';
import { RecordingConsumer } from '../../recording-consumer';
import type { UseCase } from '../use-case.interface';

const TITLE = 'Data segregation: PII only ever touches the secondary cluster';

/** Personal data is consumed from the secondary cluster only. */
@KafkaTopic('sample.pii.customers', { cluster: 'secondary' })
export class CustomerPiiConsumer extends RecordingConsumer {
  protected readonly useCase = TITLE;
}

/** The rest of the company sees a PII-free event on the primary cluster. */
@KafkaTopic('sample.customers.signups')
export class SignupsConsumer extends RecordingConsumer {
  protected readonly useCase = TITLE;
}

@Injectable()
export class DataSegregation implements UseCase {
  readonly title = TITLE;
  readonly expectedConsumed = 2;

  constructor(
    @InjectProducer('pii') private readonly pii: KafkaProducer,
    @InjectProducer() private readonly events: KafkaProducer,
  ) {}

  async produce(runId: string): Promise<string[]> {
    const customer = { runId, customerId: 'c-1', email: 'ada@example.com', name: 'Ada' };
    await this.pii.produceSync({ topic: 'sample.pii.customers', key: 'c-1', payload: customer });
    await this.events.produceSync({
      topic: 'sample.customers.signups',
      key: 'c-1',
      payload: { runId, customerId: 'c-1' },
    });
    return [
      `customer record with e-mail → sample.pii.customers on '${this.pii.cluster}' (producer 'pii')`,
      `signup event without PII → sample.customers.signups on '${this.events.cluster}'`,
    ];
  }
}
