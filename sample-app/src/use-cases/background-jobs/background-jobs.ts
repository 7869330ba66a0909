import { Injectable } from '@nestjs/common';
import { KafkaJob, KafkaJobs, type JobExecution } from 'nestjs-karafka';
import { ConsumptionLog } from '../../consumption-log';
import type { UseCase } from '../use-case.interface';

const TITLE = 'Background jobs: primary by default, another cluster only when the job says so';

interface ReportArgs {
  runId: string;
  report: string;
}

/** No producer named: enqueued by the primary producer, so written to and performed from `primary`. */
@KafkaJob('sample.jobs.mailers')
export class WelcomeMailJob {
  constructor(private readonly log: ConsumptionLog) {}
  async perform(args: { runId: string; userId: number }, job: JobExecution): Promise<void> {
    this.log.record(TITLE, WelcomeMailJob.name, [{ topic: job.topic, cluster: job.cluster, payload: args }]);
  }
}

/** Reports contain customer data: the job is redirected to the secondary cluster on purpose. */
@KafkaJob('sample.jobs.reports', { producer: 'secondary' })
export class CustomerReportJob {
  constructor(private readonly log: ConsumptionLog) {}
  async perform(args: ReportArgs, job: JobExecution): Promise<void> {
    this.log.record(TITLE, CustomerReportJob.name, [
      { topic: job.topic, cluster: job.cluster, payload: args },
    ]);
  }
}

@Injectable()
export class BackgroundJobs implements UseCase {
  readonly title = TITLE;
  readonly expectedConsumed = 2;

  constructor(private readonly jobs: KafkaJobs) {}

  async produce(runId: string): Promise<string[]> {
    const mail = await this.jobs.enqueue(WelcomeMailJob, { runId, userId: 7 });
    const report = await this.jobs.enqueue(CustomerReportJob, { runId, report: 'monthly' });
    return [
      `${mail.job} → ${mail.topic} on '${mail.cluster}' (producer '${mail.producer}')`,
      `${report.job} → ${report.topic} on '${report.cluster}' (producer '${report.producer}')`,
    ];
  }
}
