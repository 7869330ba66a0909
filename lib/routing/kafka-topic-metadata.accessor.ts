import { Injectable } from '@nestjs/common';
import { KAFKA_TOPIC_METADATA } from './routing.constants';
import type { KafkaTopicMetadata } from './kafka-topic.decorator';

/** Reads what `@KafkaTopic` recorded; the one place that knows the metadata key. */
@Injectable()
export class KafkaTopicMetadataAccessor {
  getTopics(target: object | undefined): KafkaTopicMetadata[] {
    if (!target) return [];
    return Reflect.getOwnMetadata(KAFKA_TOPIC_METADATA, target) ?? [];
  }
}
