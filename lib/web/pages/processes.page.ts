import { Injectable } from '@nestjs/common';
import { formatBytes, formatCount, plural } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { ago, badge, card, empty, heading, table, type Tone } from '../html/widgets';
import type { GroupReport, ProcessView } from '../reporting/web-report.interface';
import { WebState } from '../reporting/web-state';
import type { PageRequest, WebPage } from './web-page.interface';

/** Each app process that reports (up, or gone after the TTL) with its subscription groups per cluster. */
@Injectable()
export class ProcessesPage implements WebPage {
  readonly path = '/processes';
  readonly title = 'Processes';
  readonly nav = true;

  constructor(private readonly model: WebState) {}

  render({ now }: PageRequest): SafeHtml {
    const processes = [...this.model.processes()].sort(
      (a, b) =>
        Number(b.status === 'up') - Number(a.status === 'up') || a.process.startedAt - b.process.startedAt,
    );
    const up = processes.filter((process) => process.status === 'up').length;
    const subtitle = `${plural(up, 'process', 'processes')} up, ${processes.length - up} gone (no report within the TTL)`;
    if (processes.length === 0)
      return html`${heading(this.title, subtitle)}${empty('No process has reported yet.')}`;
    return html`${heading(this.title, subtitle)}${processes.map((process) => processCard(process, now))}`;
  }
}

function processCard(view: ProcessView, now: number): SafeHtml {
  const { process } = view;
  const facts = html`<dl class="facts">
    <div>
      <dt>Host</dt>
      <dd class="mono">${process.host}</dd>
    </div>
    <div>
      <dt>PID</dt>
      <dd class="mono">${process.pid}</dd>
    </div>
    <div>
      <dt>Started</dt>
      <dd>${ago(process.startedAt, now)}</dd>
    </div>
    <div>
      <dt>Last report</dt>
      <dd>${ago(view.reportedAt, now)}</dd>
    </div>
    <div>
      <dt>Memory</dt>
      <dd>${formatBytes(process.memory.rssBytes)} RSS · ${formatBytes(process.memory.heapUsedBytes)} heap</dd>
    </div>
    <div>
      <dt>Versions</dt>
      <dd>
        Node ${process.versions.node} · Nest ${process.versions.nest} · nestjs-karafka
        ${process.versions.karafka}
      </dd>
    </div>
  </dl>`;
  const groups =
    view.groups.length === 0
      ? empty('No subscription groups in this process.')
      : table(
          [
            'Cluster',
            'Consumer group',
            'Subscription group',
            'Topics',
            'State',
            'Partitions',
            'Lag',
            'Last poll',
            'Concurrency',
          ],
          view.groups.map((group) => groupRow(group, now)),
          [5, 6, 8],
        );
  const title = html`<span class="mono">${process.host}:${process.pid}</span>
    ${badge(view.status, view.status === 'up' ? 'ok' : 'muted')}`;
  return html`<div class="process" data-process-id="${process.id}">
    ${card(title, html`${facts}${groups}`, html`<span class="muted mono">${process.id}</span>`)}
  </div>`;
}

function groupRow(group: GroupReport, now: number): SafeHtml {
  const lag = group.partitions.reduce((sum, partition) => sum + partition.lag, 0);
  const partitions =
    group.partitions.length === 0
      ? html`<span class="muted">none</span>`
      : html`<details>
          <summary>${group.partitions.length}</summary>
          <table class="inner">
            <thead>
              <tr>
                <th>Topic</th>
                <th>Partition</th>
                <th class="num">Lag</th>
                <th class="num">Consumed</th>
                <th class="num">High watermark</th>
              </tr>
            </thead>
            <tbody>
              ${group.partitions.map(
                (p) =>
                  html`<tr data-partition="${p.topic}/${p.partition}">
                    <td>${p.topic}</td>
                    <td class="num">${p.partition}</td>
                    <td class="num lag">${formatCount(p.lag)}</td>
                    <td class="num mono">${p.consumedOffset ?? '–'}</td>
                    <td class="num mono">${p.highWatermark}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </details>`;
  return html`<tr data-group="${group.groupId}">
    <td>
      <strong>${group.cluster}</strong>
      <div class="muted mono small">${group.brokers.join(', ')}</div>
    </td>
    <td class="mono">${group.groupId}</td>
    <td class="mono">${group.subscriptionGroup}</td>
    <td>${group.topics.map((topic) => html`<div class="mono">${topic}</div>`)}</td>
    <td>
      ${badge(group.state, stateTone(group.state))}
      <div class="muted small">${ago(group.stateSince, now)}</div>
    </td>
    <td class="num">${partitions}</td>
    <td class="num">${formatCount(lag)}</td>
    <td>${ago(group.lastPollAt, now)}</td>
    <td class="num">${group.concurrency}</td>
  </tr>`;
}

/** As `RunnerState`: running is fine, reconnecting means the cluster or group is in trouble. */
function stateTone(state: string): Tone {
  if (state === 'running') return 'ok';
  if (state === 'reconnecting') return 'bad';
  return state === 'stopped' || state === 'idle' ? 'muted' : 'warn';
}
