import { errorMessage } from '../common/error-message';
import { DeliveryTimeout } from './delivery-deadline';
import { KafkaProduceError } from './kafka-produce.error';
import { PRODUCER_MESSAGES as M } from './producer.messages';

type FailureText = (producer: string, cluster: string, reason: string) => string;

/** The errors of one producer, each naming the producer and its cluster (and the topic when there is one). */
export class ProducerErrors {
  constructor(
    private readonly producer: string,
    private readonly cluster: string,
    private readonly brokers: string[],
  ) {}

  closed(): KafkaProduceError {
    return this.plain(M.closed(this.producer, this.cluster));
  }

  notTransactional(): KafkaProduceError {
    return this.plain(M.notTransactional(this.producer, this.cluster));
  }

  transactionEnded(): KafkaProduceError {
    return this.plain(M.transactionEnded(this.producer, this.cluster));
  }

  connectFailed(cause: unknown): KafkaProduceError {
    const text = M.connectFailed(this.producer, this.cluster, this.brokers, errorMessage(cause));
    return new KafkaProduceError(text, this.producer, this.cluster, undefined, { cause });
  }

  /** A message refused before it was enqueued (`topic` is whatever the message had). */
  invalidMessage(topic: unknown, cause: unknown): KafkaProduceError {
    return new KafkaProduceError(
      M.invalidMessage(this.producer, this.cluster, topic, errorMessage(cause)),
      this.producer,
      this.cluster,
      typeof topic === 'string' && topic !== '' ? topic : undefined,
      { cause },
    );
  }

  /** A request that failed or timed out, as seen by the messages of one of its topics. */
  deliveryFailed(topic: string, cause: unknown): KafkaProduceError {
    const text =
      cause instanceof DeliveryTimeout
        ? M.deliveryTimedOut(this.producer, this.cluster, this.brokers, topic, cause.timeoutMs)
        : M.deliveryFailed(this.producer, this.cluster, topic, errorMessage(cause));
    return new KafkaProduceError(text, this.producer, this.cluster, topic, { cause });
  }

  /** A failed driver call that is about no topic (transaction start, commit, abort, disconnect). */
  failure(text: FailureText, cause: unknown): KafkaProduceError {
    return new KafkaProduceError(
      text(this.producer, this.cluster, errorMessage(cause)),
      this.producer,
      this.cluster,
      undefined,
      { cause },
    );
  }

  private plain(text: string): KafkaProduceError {
    return new KafkaProduceError(text, this.producer, this.cluster);
  }
}
