import { Injectable } from '@nestjs/common';
import { formatCount, formatRate, plural } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { badge, card, empty, heading, table } from '../html/widgets';
import type { ProducerReport, ProcessView } from '../reporting/web-report.interface';
import { WebState } from '../reporting/web-state';
import type { WebPage } from './web-page.interface';

/** Every producer of every process that is up (default, named, dead-letter, jobs, web) with its cluster and figures. */
@Injectable()
export class ProducersPage implements WebPage {
  readonly path = '/producers';
  readonly title = 'Producers';
  readonly nav = true;

  constructor(private readonly model: WebState) {}

  render(): SafeHtml {
    const processes = this.model.processes().filter((process) => process.status === 'up');
    const rows = processes.flatMap((process) =>
      process.producers.map((producer) => producerRow(process, producer)),
    );
    const count = processes.reduce((sum, process) => sum + process.producers.length, 0);
    const subtitle = `${plural(count, 'producer')} in ${plural(processes.length, 'process', 'processes')} up`;
    const body =
      rows.length === 0
        ? empty('No producer has reported yet.')
        : table(
            [
              'Producer',
              'Kind',
              'Cluster',
              'Process',
              'Acked/s',
              'Sent',
              'Acked',
              'Failed',
              'In flight',
              'p50',
              'p95',
              'p99',
            ],
            rows,
            [4, 5, 6, 7, 8, 9, 10, 11],
          );
    return html`${heading(this.title, subtitle)}${card('Producers by process', body)}`;
  }
}

function producerRow(process: ProcessView, producer: ProducerReport): SafeHtml {
  const { p50, p95, p99 } = producer.latencyMs;
  const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
  return html`<tr data-producer="${producer.name}" class="${producer.failed > 0 ? 'has-failures' : ''}">
    <td class="mono"><strong>${producer.name}</strong></td>
    <td>${badge(producer.kind, 'info')}</td>
    <td><strong>${producer.cluster}</strong></td>
    <td class="mono small">${process.process.host}:${process.process.pid}</td>
    <td class="num">${formatRate(producer.ackedPerSecond)}</td>
    <td class="num sent">${formatCount(producer.sent)}</td>
    <td class="num acked">${formatCount(producer.acked)}</td>
    <td class="num failed">${producer.failed > 0 ? badge(formatCount(producer.failed), 'bad') : '0'}</td>
    <td class="num">${formatCount(producer.inFlight)}</td>
    <td class="num">${ms(p50)}</td>
    <td class="num">${ms(p95)}</td>
    <td class="num">${ms(p99)}</td>
  </tr>`;
}
