import { KafkaTopic, type KafkaMessage } from 'nestjs-karafka';
import { ConsumptionLog } from '../consumption-log';

/** Audit records are kept apart from business traffic: they live on the secondary cluster. */
@KafkaTopic('sample.audit', { cluster: 'secondary' })
export class AuditConsumer {
  constructor(private readonly log: ConsumptionLog) {}

  async consume(messages: KafkaMessage[]): Promise<void> {
    this.log.record(AuditConsumer.name, messages);
  }
}
