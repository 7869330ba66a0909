import { WebHttpError } from '../../../lib/web/http/web-exchange.interface';
import { DashboardPage } from '../../../lib/web/pages/dashboard.page';
import { ErrorsPage } from '../../../lib/web/pages/errors.page';
import { JobsPage } from '../../../lib/web/pages/jobs.page';
import { ProcessesPage } from '../../../lib/web/pages/processes.page';
import { ProducersPage } from '../../../lib/web/pages/producers.page';
import { StatusPage } from '../../../lib/web/pages/status.page';
import type { PageRequest } from '../../../lib/web/pages/web-page.interface';
import { FixtureWebState, NOW } from './fixture-web-state';

const request = (query = ''): PageRequest => ({
  base: '/karafka',
  query: new URLSearchParams(query),
  params: {},
  csrfToken: 't',
  now: NOW,
});

/** Text of the markup, tags removed and whitespace collapsed: what a reader sees. */
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** Nothing from the fixture's hostile values may appear as markup, only as escaped text. */
function expectInert(markup: string): void {
  expect(markup).not.toMatch(/<script>window/);
  expect(markup).not.toMatch(/<img/);
  expect(markup).toContain(
    '&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;',
  );
}

describe('Web UI pages rendered from a read model', () => {
  const state = new FixtureWebState();

  it('Dashboard: processes up and gone, rates and lag now per cluster and in total, and the charts data', () => {
    const markup = new DashboardPage(state).render(request()).toString();
    const seen = text(markup);
    expect(seen).toContain('Processes 1 up 1 gone');
    // Only the process that is up counts: primary 12.5/s consumed, 3 + 3.5 produced.
    expect(seen).toMatch(/primary 12\.5 3\.0 20 1/);
    expect(seen).toMatch(/secondary 0 3\.5 0 0/);
    expect(seen).toMatch(/Total 12\.5 6\.5 20 1/);
    const charts = [...markup.matchAll(/data-chart="([^"]+)"/g)].map((m) =>
      JSON.parse(
        m[1]
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, '&'),
      ),
    );
    expect(charts.map((chart) => chart.title)).toEqual([
      'Consumed per second',
      'Produced per second',
      'Lag',
      'Errors',
      'Processes reporting',
    ]);
    expect(charts[0].series.map((s: { label: string }) => s.label)).toEqual([
      'primary',
      'secondary',
      'total',
    ]);
    expect(charts[0].series[0].values).toEqual([10, 11, 12]);
  });

  it('Dashboard: an unknown range is a 400 naming the parameter and the ranges', () => {
    expect(() => new DashboardPage(state).render(request('range=week'))).toThrow(
      new WebHttpError(400, "The query parameter 'range' must be minutes, hour, day, got 'week'."),
    );
  });

  it('Processes: host, pid, memory, versions, and each group with state, partitions, lag and concurrency', () => {
    const markup = new ProcessesPage(state).render(request()).toString();
    const seen = text(markup);
    expect(seen).toContain('web-1:101 up');
    expect(seen).toContain('web-1:102 gone');
    expect(seen).toContain('120.0 MiB RSS · 48.0 MiB heap');
    expect(seen).toContain('Node 20.20.2 · Nest 11.1.0 · nestjs-karafka 0.1.0');
    expect(seen).toMatch(/shop shop@primary#0 orders .* running/);
    expect(markup).toContain('data-partition="orders/0"');
    expect(seen).toMatch(/orders 0 20 99 120/);
    expectInert(markup);
  });

  it('Producers: each producer of the processes up with its cluster and figures', () => {
    const seen = text(new ProducersPage(state).render().toString());
    expect(seen).toContain('1 producer in 1 process up');
    expect(seen).toMatch(/audit named secondary web-1:101 3\.5 42 40 2 0 2\.5 ms 8\.0 ms 31 ms/);
  });

  it('Jobs: running and recent with their cluster; a failure message stays text', () => {
    const markup = new JobsPage(state).render(request()).toString();
    expect(text(markup)).toMatch(/send-invoice running 1 primary jobs 2 s ago/);
    expect(text(markup)).toMatch(/send-invoice failed 3 secondary jobs 9 s ago 1 s/);
    expectInert(markup);
  });

  it('Errors: newest first, 25 a page, with where it happened and its stack; markup in a message stays text', () => {
    const first = new ErrorsPage(state).render(request()).toString();
    expect(text(first)).toContain('30 errors reported');
    expect(first.match(/data-error-id=/g)).toHaveLength(25);
    expect(text(first)).toContain('orders/0@100');
    expect(first).toContain('href="/karafka/errors?page=2"');
    expectInert(first);
    const second = new ErrorsPage(state).render(request('page=2')).toString();
    expect(second.match(/data-error-id=/g)).toHaveLength(5);
    expect(text(second)).toContain('Page 2 of 2 · 30 in all');
    expect(() => new ErrorsPage(state).render(request('page=0'))).toThrow(
      "The query parameter 'page' must be a page number from 1, got '0'.",
    );
  });

  it('Status: each check, the fix of a failed one, and which cluster reports and why', async () => {
    const markup = (await new StatusPage(state).render(request('installed=2'))).toString();
    const seen = text(markup);
    // The install fix posts back to the UI with the request's CSRF token.
    expect(markup).toMatch(
      /<form method="post" action="\/karafka\/status\/install-topics"[^>]*>\s*<input type="hidden" name="_csrf" value="t" \/>/,
    );
    expect(seen).toContain('Created 2 reporting topics.');
    expect(seen).toContain('1 of 2 checks fail');
    expect(seen).toContain(
      'processing consumer is fresh no state for 90 s Fix: start one process with processing: true',
    );
    expect(seen).toContain('the Web producer is the default one, whose cluster is the primary one');
    expect(seen).toMatch(/producer default to primary \( 127\.0\.0\.1:19092 \)/);
  });
});
