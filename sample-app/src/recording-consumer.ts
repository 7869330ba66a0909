import { Injectable } from '@nestjs/common';
import type { KafkaMessage } from 'nestjs-karafka';
import { ConsumptionLog } from './consumption-log';

/**
 * The sample's consumers only record what they saw and where it came from, so the demo can print it.
 * A real consumer does its work in `consume(messages, ctx)` the same way.
 */
@Injectable()
export abstract class RecordingConsumer {
  protected abstract readonly useCase: string;

  constructor(private readonly log: ConsumptionLog) {}

  async consume(messages: KafkaMessage[]): Promise<void> {
    this.log.record(this.useCase, this.constructor.name, messages);
  }
}
