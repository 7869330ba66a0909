import { KafkaTopic, type KafkaContext, type KafkaMessage } from 'nestjs-karafka';
import { ConsumptionLog } from '../consumption-log';

/** No cluster named: the topic lives on the primary cluster. */
@KafkaTopic('sample.orders')
export class OrdersConsumer {
  constructor(private readonly log: ConsumptionLog) {}

  async consume(messages: KafkaMessage[], _ctx: KafkaContext): Promise<void> {
    this.log.record(OrdersConsumer.name, messages);
  }
}
