import { Injectable } from '@nestjs/common';
import { formatDuration } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { ago, badge, card, empty, heading, table } from '../html/widgets';
import type { JobReport } from '../reporting/web-report.interface';
import { WebState } from '../reporting/web-state';
import type { PageRequest, WebPage } from './web-page.interface';

/** `@KafkaJob` runs: those running now, and those recently performed or failed, with their cluster. */
@Injectable()
export class JobsPage implements WebPage {
  readonly path = '/jobs';
  readonly title = 'Jobs';
  readonly nav = true;

  constructor(private readonly model: WebState) {}

  render({ now }: PageRequest): SafeHtml {
    const { running, recent } = this.model.jobs();
    const columns = ['Job', 'State', 'Attempt', 'Cluster', 'Topic', 'Started', 'Took', 'Error'];
    const rows = (jobs: JobReport[]) => jobs.map((job) => jobRow(job, now));
    return html`${heading(this.title, `${running.length} running, ${recent.length} recently finished`)}
    ${card('Running', running.length === 0 ? empty('No job is running.') : table(columns, rows(running)))}
    ${card('Recent', recent.length === 0 ? empty('No job has finished yet.') : table(columns, rows(recent)))}`;
  }
}

function jobRow(job: JobReport, now: number): SafeHtml {
  const tone = job.state === 'failed' ? 'bad' : job.state === 'performed' ? 'ok' : 'info';
  const took = formatDuration((job.finishedAt ?? now) - job.startedAt);
  return html`<tr data-job="${job.id}">
    <td class="mono"><strong>${job.name}</strong></td>
    <td>${badge(job.state, tone)}</td>
    <td class="num">${job.attempt}</td>
    <td><strong>${job.cluster}</strong></td>
    <td class="mono">${job.topic}</td>
    <td>${ago(job.startedAt, now)}</td>
    <td class="num">
      ${job.finishedAt === undefined ? html`<span class="muted">${took} so far</span>` : took}
    </td>
    <td class="error-text">${job.error ?? ''}</td>
  </tr>`;
}
