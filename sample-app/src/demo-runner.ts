import { Injectable, Logger } from '@nestjs/common';
import { InjectProducer, KafkaProducer } from 'nestjs-karafka';
import { randomUUID } from 'crypto';
import { ConsumptionLog } from './consumption-log';

/** Produces one message to each cluster and waits until each comes back through its consumer. */
@Injectable()
export class DemoRunner {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly log: ConsumptionLog,
    @InjectProducer() private readonly producer: KafkaProducer,
    @InjectProducer('secondary') private readonly secondary: KafkaProducer,
  ) {}

  async run(): Promise<void> {
    const runId = randomUUID();
    const order = { runId, orderId: 1, total: 42.5 };
    const audit = { runId, action: 'order.created', orderId: 1 };

    // The default producer writes to the primary cluster; the named one to the secondary.
    const a = await this.producer.produceSync({ topic: 'sample.orders', key: '1', payload: order });
    this.logger.log(`produced to ${this.producer.cluster}: sample.orders[${a.partition}]@${a.offset}`);
    const b = await this.secondary.produceSync({ topic: 'sample.audit', key: '1', payload: audit });
    this.logger.log(`produced to ${this.secondary.cluster}: sample.audit[${b.partition}]@${b.offset}`);

    const mine = (payload: unknown) => (payload as { runId?: string })?.runId === runId;
    await this.log.waitUntil((entries) => entries.filter((e) => mine(e.payload)).length >= 2, 60_000);
    for (const entry of this.log.entries.filter((e) => mine(e.payload))) {
      this.logger.log(`consumed by ${entry.consumer} from cluster '${entry.cluster}', topic ${entry.topic}`);
    }
  }
}
