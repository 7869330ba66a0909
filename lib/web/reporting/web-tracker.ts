import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { isKarafkaCliRun } from '../../common/cli-run';
import { errorMessage } from '../../common/error-message';
import type { KafkaProducer } from '../../producer/kafka-producer';
import type { ReportCollector } from './report-collector';
import type { WebTopicNames } from './web-reporting-options.interface';

/** How long shutting down waits for the last report (the process marked stopping) to be delivered. */
export const FINAL_REPORT_TIMEOUT_MS = 5000;

/** What the Web producer's deliveries of this process's reports came to. */
export interface WebDelivery {
  /** Reports (with their errors) acknowledged so far. */
  delivered: number;
  lastDeliveredAt?: number;
  lastFailedAt?: number;
  lastError?: string;
}

/**
 * Every process's tracker (Karafka Web's reporter): every tracking interval it publishes this process's report
 * to the reports topic and each new error to the errors topic, through the Web producer, keyed by the process id.
 * Its timer never keeps the process alive; a report still in flight makes the next tick wait (its counts go into
 * the next report). On shutdown it publishes a last report marking the process stopping.
 */
export class WebTracker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('KarafkaWeb');
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;
  private readonly delivery: WebDelivery = { delivered: 0 };

  constructor(
    private readonly collector: ReportCollector,
    private readonly producer: KafkaProducer,
    private readonly topics: Required<Pick<WebTopicNames, 'reports' | 'errors'>>,
    private readonly intervalMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  onApplicationBootstrap(): void {
    // A CLI run boots the app to read it, not to run it: it is no process of the app.
    if (isKarafkaCliRun()) return;
    this.collector.attach();
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
    let timeout: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timeout = setTimeout(resolve, FINAL_REPORT_TIMEOUT_MS);
      timeout.unref();
    });
    await Promise.race([this.publish(true), deadline]);
    clearTimeout(timeout);
    this.collector.stop();
  }

  deliveries(): WebDelivery {
    return { ...this.delivery };
  }

  private tick(): void {
    if (this.inFlight) return;
    this.inFlight = this.publish(false).finally(() => (this.inFlight = undefined));
  }

  private async publish(stopping: boolean): Promise<void> {
    const report = this.collector.collect(stopping);
    const key = report.process.id;
    // Sent as JSON text, so the Web producer's serializer (the app's) never changes them.
    const messages = [
      { topic: this.topics.reports, key, payload: JSON.stringify(report) },
      ...report.errors.map((error) => ({ topic: this.topics.errors, key, payload: JSON.stringify(error) })),
    ];
    try {
      await this.producer.produceManyAsync(messages);
      this.delivery.delivered++;
      this.delivery.lastDeliveredAt = this.clock();
    } catch (error) {
      // The producer already published (and the default listener logged) the failure; the status page shows it.
      this.delivery.lastFailedAt = this.clock();
      this.delivery.lastError = errorMessage(error);
      this.logger.debug(`report not delivered: ${this.delivery.lastError}`);
    }
  }
}
