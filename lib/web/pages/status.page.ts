import { Injectable } from '@nestjs/common';
import { plural } from '../html/format';
import { html, type SafeHtml } from '../html/html';
import { csrfField } from '../html/links';
import { badge, card, heading, notice } from '../html/widgets';
import type { StatusCheck } from '../reporting/web-report.interface';
import { WebState } from '../reporting/web-state';
import { INSTALL_TOPICS_PATH } from './install-topics.action';
import type { PageRequest, WebPage } from './web-page.interface';

/** The read model's self-diagnosis, each failed check with its fix, and which cluster reports and why. */
@Injectable()
export class StatusPage implements WebPage {
  readonly path = '/status';
  readonly title = 'Status';
  readonly nav = true;

  constructor(private readonly model: WebState) {}

  async render(request: PageRequest): Promise<SafeHtml> {
    const reporting = this.model.reportingCluster();
    const checks = await this.model.status();
    const failed = checks.filter((check) => !check.ok).length;
    const summary =
      failed === 0
        ? notice('ok', `All ${checks.length} checks pass.`)
        : notice('bad', `${failed} of ${checks.length} checks fail: each says how to fix it.`);
    const why = html`<p>
        Every process publishes its reports with the producer
        <strong class="mono">${reporting.producer}</strong> to <strong>${reporting.name}</strong> (<span
          class="mono"
          >${reporting.brokers.join(', ')}</span
        >), and the pages read what the processing consumer materialised there, whichever clusters the app
        consumes from.
      </p>
      <p class="muted">${reporting.reason}</p>
      <form method="post" action="${request.base}${INSTALL_TOPICS_PATH}" class="inline-form">
        ${csrfField(request.csrfToken)}
        <button type="submit">Create the missing reporting topics on ${reporting.name}</button>
        <span class="muted"
          >as <span class="mono">npx nestjs-karafka web install</span> does; existing ones are left as they
          are</span
        >
      </form>`;
    return html`${heading(this.title, 'Is the Web UI itself working?')}${installed(request)}${summary}
    ${card('Reporting cluster', why)}
    ${card(
      'Checks',
      html`<ul class="checks">
        ${checks.map(checkItem)}
      </ul>`,
    )}`;
  }
}

/** The outcome of the install action, which redirects here with `?installed=<topics created>`. */
function installed(request: PageRequest): SafeHtml | undefined {
  const value = request.query.get('installed');
  if (value === null || !/^\d+$/.test(value)) return undefined;
  const created = Number(value);
  return notice(
    'ok',
    created === 0
      ? 'Every reporting topic already existed.'
      : `Created ${plural(created, 'reporting topic')}.`,
  );
}

function checkItem(check: StatusCheck): SafeHtml {
  return html`<li class="check ${check.ok ? 'ok' : 'failed'}" data-check="${check.name}">
    <div class="check-head">
      ${badge(check.ok ? 'ok' : 'failed', check.ok ? 'ok' : 'bad')} <strong>${check.name}</strong>
    </div>
    <p>${check.detail}</p>
    ${!check.ok && check.fix ? html`<p class="fix"><strong>Fix:</strong> ${check.fix}</p>` : ''}
  </li>`;
}
