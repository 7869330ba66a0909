import { Injectable } from '@nestjs/common';
import { getKafkaJobMetadata, type KafkaJobMetadata } from './kafka-job.decorator';

/** Reads what `@KafkaJob` recorded, for the explorer (injectable, so tests can stand in for it). */
@Injectable()
export class KafkaJobMetadataAccessor {
  getJobs(target: object | undefined): KafkaJobMetadata[] {
    return getKafkaJobMetadata(target);
  }
}
