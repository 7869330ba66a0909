import { Injectable } from '@nestjs/common';
import { InjectProducer, KafkaProducer, KafkaTopic } from 'nestjs-karafka';
import { RecordingConsumer } from '../../recording-consumer';
import type { UseCase } from '../use-case.interface';

const TITLE = 'Disaster recovery: payments mirrored to both clusters, consumed from the active one';
const TOPIC = 'sample.dr.payments';
/** Fail over by configuration: point consumers at the standby cluster and restart. */
const ACTIVE_CLUSTER = process.env.DR_ACTIVE_CLUSTER ?? 'primary';

@KafkaTopic(TOPIC, { cluster: ACTIVE_CLUSTER })
export class PaymentsConsumer extends RecordingConsumer {
  protected readonly useCase = TITLE;
}

@Injectable()
export class DisasterRecovery implements UseCase {
  readonly title = TITLE;
  readonly expectedConsumed = 1;

  constructor(
    @InjectProducer() private readonly primary: KafkaProducer,
    @InjectProducer('secondary') private readonly standby: KafkaProducer,
  ) {}

  async produce(runId: string): Promise<string[]> {
    const payment = { topic: TOPIC, key: 'p-1', payload: { runId, paymentId: 'p-1', amount: 99 } };
    // Both writes must be acknowledged before the payment counts as recorded.
    await Promise.all([this.primary.produceSync(payment), this.standby.produceSync(payment)]);
    return [
      `payment p-1 → ${TOPIC} on '${this.primary.cluster}' and on '${this.standby.cluster}'`,
      `consumers read from the active cluster '${ACTIVE_CLUSTER}' (DR_ACTIVE_CLUSTER)`,
    ];
  }
}
