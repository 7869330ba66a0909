import { describeAccessFailure, isAccessFailure } from '../cluster/access-failure';
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
    /** `User:<name>` when the cluster logs in with SASL: named when the broker refuses access. */
    private readonly principal?: string,
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
    const text = M.connectFailed(this.producer, this.cluster, this.brokers, this.reason(cause));
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
        : M.deliveryFailed(this.producer, this.cluster, topic, this.reason(cause));
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

  /** The driver's message, preceded by what an access failure means and who was refused. */
  private reason(cause: unknown): string {
    if (!isAccessFailure(cause)) return errorMessage(cause);
    return `${describeAccessFailure(cause, this.principal)}: ${cause.message}`;
  }

  private plain(text: string): KafkaProduceError {
    return new KafkaProduceError(text, this.producer, this.cluster);
  }
}
