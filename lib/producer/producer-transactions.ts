import { Turns } from '../common/turns';
import type { DriverTransaction } from '../driver/kafka-driver.port';
import { withDeadline } from './delivery-deadline';
import { KafkaProduceError } from './kafka-produce.error';
import type { Pending } from './pending-batch';
import type { DeliveryReport, KafkaTransaction, ProduceMessage } from './produce-message.interface';
import type { ProducerErrors } from './producer-errors';
import type { ProducerInstrumentation } from './producer-instrumentation';
import { PRODUCER_MESSAGES as M } from './producer.messages';
import { groupByTopic } from './record-converter';

/** What a producer lends its transactions. */
export interface TransactionHost {
  /** Connects if needed and begins a driver transaction; a failure already names the producer. */
  begin(): Promise<DriverTransaction>;
  /** The messages as records, or the error that refuses them all (already published). */
  prepareAll(messages: ProduceMessage[]): Pending[] | KafkaProduceError;
  readonly errors: ProducerErrors;
  readonly instrumentation: ProducerInstrumentation;
  readonly ackTimeoutMs: number;
  readonly deliveryTimeoutMs: number;
}

/**
 * A producer's transactions, one at a time (Kafka allows one open transaction per transactional id):
 * committed when the callback returns, aborted when it throws or when one of its sends failed.
 */
export class ProducerTransactions {
  private readonly turns = new Turns();

  constructor(private readonly host: TransactionHost) {}

  run<T>(work: (tx: KafkaTransaction) => Promise<T>): Promise<T> {
    return this.turns.run(() => this.execute(work));
  }

  /** Resolves once every transaction started so far has ended. */
  idle(): Promise<unknown> {
    return this.turns.idle();
  }

  private async execute<T>(work: (tx: KafkaTransaction) => Promise<T>): Promise<T> {
    const { errors } = this.host;
    const driverTx = await this.host.begin();
    let active = true;
    const sends: Array<Promise<unknown>> = [];
    const send = (messages: ProduceMessage[]): Promise<DeliveryReport[]> => {
      if (!active) return Promise.reject(errors.transactionEnded());
      const sent = this.send(driverTx, messages);
      sends.push(sent);
      return sent;
    };
    const tx: KafkaTransaction = {
      produceSync: (message) => send([message]).then((reports) => reports[0]),
      produceManySync: (messages) => send(messages),
    };

    try {
      const result = await work(tx);
      // A send the callback did not await still belongs to this transaction; a failed one aborts it.
      await Promise.all(sends);
      active = false;
      await driverTx
        .commit()
        .catch((error: unknown) => Promise.reject(errors.failure(M.commitFailed, error)));
      return result;
    } catch (error) {
      active = false;
      await Promise.allSettled(sends);
      await driverTx
        .abort()
        .catch((abortError: unknown) =>
          this.host.instrumentation.error(errors.failure(M.abortFailed, abortError), undefined),
        );
      throw error;
    }
  }

  private async send(driverTx: DriverTransaction, messages: ProduceMessage[]): Promise<DeliveryReport[]> {
    const { instrumentation, ackTimeoutMs, deliveryTimeoutMs } = this.host;
    const prepared = this.host.prepareAll(messages);
    if (prepared instanceof KafkaProduceError) throw prepared;
    for (const { record } of prepared) instrumentation.sent(record);
    const startedAt = performance.now();
    const topicMessages = groupByTopic(prepared);
    for (const { topic, messages: records } of topicMessages)
      instrumentation.produced(topic, records.length, 'transaction');
    try {
      const metadata = await withDeadline(
        () =>
          Promise.all(
            topicMessages.map(({ topic, messages: records }) =>
              driverTx.send({ topic, messages: records, acks: -1, timeout: ackTimeoutMs }),
            ),
          ),
        startedAt,
        deliveryTimeoutMs,
      );
      return instrumentation.acknowledged(prepared, metadata.flat(), performance.now() - startedAt);
    } catch (error) {
      throw instrumentation.failed(prepared, error)[0];
    }
  }
}
