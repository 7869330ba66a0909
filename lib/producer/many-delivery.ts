import { markHandled } from './handled-rejection';
import type { DeliveryReport } from './produce-message.interface';

/** One promise for the messages of one produceMany call: every report in order, or the first failure. */
export class ManyDelivery {
  readonly promise: Promise<DeliveryReport[]>;
  private readonly reports: DeliveryReport[];
  private remaining: number;
  private error?: Error;
  private resolve!: (reports: DeliveryReport[]) => void;
  private reject!: (error: Error) => void;

  constructor(count: number) {
    this.reports = new Array<DeliveryReport>(count);
    this.remaining = count;
    this.promise = new Promise<DeliveryReport[]>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    if (count === 0) this.resolve(this.reports);
  }

  delivered(index: number, report: DeliveryReport): void {
    this.reports[index] = report;
    if (--this.remaining === 0) this.settle();
  }

  failed(error: Error): void {
    this.error ??= error;
    if (--this.remaining === 0) this.settle();
  }

  private settle(): void {
    if (this.error) {
      markHandled(this.promise);
      this.reject(this.error);
    } else {
      this.resolve(this.reports);
    }
  }
}
