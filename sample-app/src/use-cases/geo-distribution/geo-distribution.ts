import { Injectable } from '@nestjs/common';
import { IsIn, IsString } from 'class-validator';
import {
  InjectProducer,
  KafkaProducer,
  KafkaTopic,
  KarafkaValidationPipe,
  Messages,
  Payload,
  type KafkaMessage,
} from 'nestjs-karafka';
import { ConsumptionLog } from '../../consumption-log';
import { RecordingConsumer } from '../../recording-consumer';
import type { UseCase } from '../use-case.interface';

const TITLE = 'Geo-distribution: each region writes to and reads from its own cluster';

/** What a regional order looks like; an order that does not match goes to the dead-letter topic. */
export class RegionalOrderDto {
  @IsString() runId!: string;
  @IsIn(['eu', 'us']) region!: string;
  @IsString() orderId!: string;
}

/** EU orders stay on the primary (EU) cluster; each payload is validated against `RegionalOrderDto`. */
@KafkaTopic('sample.geo.orders-eu', { deadLetterQueue: { topic: 'sample.geo.orders-eu.dlq' } })
export class EuOrdersConsumer {
  constructor(private readonly log: ConsumptionLog) {}

  async consume(
    @Messages() messages: KafkaMessage[],
    @Payload(new KarafkaValidationPipe({ items: RegionalOrderDto })) orders: RegionalOrderDto[],
  ): Promise<void> {
    if (!orders.every((order) => order instanceof RegionalOrderDto)) throw new Error('orders not validated');
    this.log.record(TITLE, EuOrdersConsumer.name, messages);
  }
}

/** US orders live on the secondary (US) cluster. */
@KafkaTopic('sample.geo.orders-us', { cluster: 'secondary' })
export class UsOrdersConsumer extends RecordingConsumer {
  protected readonly useCase = TITLE;
}

@Injectable()
export class GeoDistribution implements UseCase {
  readonly title = TITLE;
  readonly expectedConsumed = 2;
  private readonly regions: Record<'eu' | 'us', { producer: KafkaProducer; topic: string }>;

  constructor(@InjectProducer() eu: KafkaProducer, @InjectProducer('secondary') us: KafkaProducer) {
    this.regions = {
      eu: { producer: eu, topic: 'sample.geo.orders-eu' },
      us: { producer: us, topic: 'sample.geo.orders-us' },
    };
  }

  async produce(runId: string): Promise<string[]> {
    const lines: string[] = [];
    for (const region of ['eu', 'us'] as const) {
      const { producer, topic } = this.regions[region];
      await producer.produceSync({ topic, key: region, payload: { runId, region, orderId: `${region}-1` } });
      lines.push(`${region.toUpperCase()} order → ${topic} on '${producer.cluster}'`);
    }
    return lines;
  }
}
