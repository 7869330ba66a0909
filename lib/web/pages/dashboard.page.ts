import { Injectable } from '@nestjs/common';
import { formatCount, formatRate, plural } from '../html/format';
import { html, type HtmlValue, type SafeHtml } from '../html/html';
import { link } from '../html/links';
import { card, empty, heading, table, tile } from '../html/widgets';
import type { ClusterCounters, SeriesRange } from '../reporting/web-report.interface';
import { WebHttpError } from '../http/web-exchange.interface';
import { WebState } from '../reporting/web-state';
import { WEB_MESSAGES as M } from '../web.messages';
import { clusterTotals, sumCounters } from './cluster-totals';
import { dashboardCharts, RANGES, type ChartSpec } from './dashboard-charts';
import type { PageRequest, WebPage } from './web-page.interface';

/** Processes up/down, throughput, lag and errors now, and as charts over the chosen range, per cluster and in total. */
@Injectable()
export class DashboardPage implements WebPage {
  readonly path = '';
  readonly title = 'Dashboard';
  readonly nav = true;

  constructor(private readonly model: WebState) {}

  render(request: PageRequest): SafeHtml {
    const range = readRange(request.query.get('range'));
    const processes = this.model.processes();
    const up = processes.filter((process) => process.status === 'up').length;
    const perCluster = clusterTotals(processes);
    const total = sumCounters(perCluster.values());
    const points = this.model.series(range);

    const tiles = html`<div class="tiles">
      ${tile('Processes', html`${up}<small> up</small>`, `${processes.length - up} gone`, up > 0 ? 'ok' : 'bad')}
      ${tile('Consumed', html`${formatRate(total.consumedPerSecond)}<small> msg/s</small>`)}
      ${tile('Produced', html`${formatRate(total.producedPerSecond)}<small> msg/s</small>`)}
      ${tile('Lag', formatCount(total.lag), 'messages behind', total.lag > 0 ? 'warn' : undefined)}
      ${tile('Errors', formatCount(total.errors), 'in the last interval', total.errors > 0 ? 'bad' : undefined)}
    </div>`;

    const rows = [...perCluster].map(([cluster, counters]) =>
      countersRow(html`<strong>${cluster}</strong>`, counters),
    );
    const clusters =
      rows.length === 0
        ? empty('No process is reporting yet.')
        : table(
            ['Cluster', 'Consumed/s', 'Produced/s', 'Lag', 'Errors'],
            [...rows, countersRow('Total', total, 'total')],
            [1, 2, 3, 4],
          );

    const rangeLinks = (Object.keys(RANGES) as SeriesRange[]).map(
      (key) =>
        html`<a href="${link(request.base, [], { range: key })}" ${key === range ? html` class="active"` : ''}
          >${RANGES[key]}</a
        >`,
    );
    const charts =
      points.length === 0
        ? empty('No data points in this range yet: the processing consumer writes one per tracking interval.')
        : html`<div class="charts">${dashboardCharts({ range, now: request.now }, points).map(chart)}</div>`;

    return html`${heading('Dashboard', `${plural(processes.length, 'process', 'processes')} known, ${up} up`)}
    ${tiles} ${card('Per cluster, now', clusters)}
    ${card(RANGES[range], charts, html`<nav class="segmented">${rangeLinks}</nav>`)}`;
  }
}

function readRange(value: string | null): SeriesRange {
  if (value === null) return 'minutes';
  if (value in RANGES) return value as SeriesRange;
  throw new WebHttpError(400, M.badQuery('range', value, Object.keys(RANGES).join(', ')));
}

function countersRow(label: HtmlValue, c: ClusterCounters, className?: string): SafeHtml {
  return html`<tr${className ? html` class="${className}"` : ''}><td>${label}</td>
    <td class="num">${formatRate(c.consumedPerSecond)}</td><td class="num">${formatRate(c.producedPerSecond)}</td>
    <td class="num">${formatCount(c.lag)}</td><td class="num">${formatCount(c.errors)}</td></tr>`;
}

/** A chart's frame, with its data for charts.js; without JavaScript the tiles and table above still say it all. */
function chart(spec: ChartSpec): SafeHtml {
  return html`<figure class="chart">
    <figcaption>${spec.title} <small>${spec.unit}</small></figcaption>
    <div class="chart-canvas" data-chart="${JSON.stringify(spec)}">
      <noscript>Charts need JavaScript.</noscript>
    </div>
  </figure>`;
}
