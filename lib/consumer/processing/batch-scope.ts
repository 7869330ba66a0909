import type { DriverBatchControl } from '../../driver/kafka-driver.port';
import type { TopicRoute } from '../../routing/routing-table.interface';
import type { ConsumeHandler } from '../consumer-handler.factory';
import { compilePayloadDecoder } from '../../message/payload-decoder';
import type { PartitionControl } from '../kafka-context';
import type { MessageSource } from '../../message/kafka-message.builder';
import type { PartitionState } from './partition-pauses';

/** Everything about a topic the hot path needs, resolved once at bootstrap. */
export interface TopicRuntime {
  route: TopicRoute;
  handler: ConsumeHandler;
  decode: MessageSource['decode'];
  maxRetries: number;
  deadLetterTopic?: string;
}

export function topicRuntime(route: TopicRoute, handler: ConsumeHandler): TopicRuntime {
  return {
    route,
    handler,
    decode: compilePayloadDecoder(route.deserializer, route.topic),
    maxRetries: route.deadLetterQueue?.maxRetries ?? route.retry.maxRetries,
    deadLetterTopic: route.deadLetterQueue?.topic,
  };
}

/** One fetched batch of one topic-partition being processed. */
export interface BatchScope {
  topic: TopicRuntime;
  source: MessageSource;
  control: DriverBatchControl;
  partition: PartitionState;
  partitionControl: PartitionControl;
}
