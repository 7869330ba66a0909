/**
 * The Web UI in a real browser (Debian's Chromium through playwright-core) against the real clusters, with two
 * app processes reporting: this spec's HTTP app (which also runs the processing consumer) and a worker child
 * process. Refused without or with wrong credentials; then every page, each checked against what the test made
 * happen (the processes, their groups and partitions, the lag of N unconsumed messages, a consumer's error, a
 * named producer's counts, a job), with no console error, and a screenshot of each in .cache/screenshots/. A
 * payload with <script>/onerror= markup is shown as text and runs nothing.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { Page } from 'playwright-core';
import {
  KafkaJob,
  KafkaJobs,
  KafkaTopic,
  KarafkaModule,
  ProducerRegistry,
  type KafkaMessage,
} from 'nestjs-karafka';
import { KarafkaWebModule } from 'nestjs-karafka/web';
import { deferred } from '../../lib/common/deferred';
import { webTestReporting } from '../fixtures/web-test-reporting';
import { collectPageErrors, launchChromium, type LaunchedBrowser } from '../support/browser';
import {
  createTopic,
  PROJECT_ROOT,
  primaryBrokers,
  secondaryBrokers,
  testKafka,
  uniqueName,
  waitFor,
} from '../support/kafka-env';

const PRIMARY = primaryBrokers().join(',');
const SECONDARY = secondaryBrokers().join(',');
const SCREENSHOTS = join(PROJECT_ROOT, '.cache', 'screenshots');
const PASSWORD = 'browser-s3cret';
/** Messages left unconsumed on the backlog topic: the lag the pages must show. */
const BACKLOG = 7;
/** Messages the named producer `audit` sends. */
const AUDITED = 5;
const HOSTILE = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;

const orders = uniqueName('webui.orders');
const backlog = uniqueName('webui.backlog');
const audit = uniqueName('webui.audit');
const workerTopic = uniqueName('webui.worker');
const jobsTopic = uniqueName('webui.jobs');
const webPrefix = uniqueName('webui.reporting');
const webGroup = uniqueName('webui-processing');
const groupId = uniqueName('webui-app');
const release = deferred<void>();

@KafkaTopic(orders, { deadLetterQueue: { topic: `${orders}.dlq`, maxRetries: 0 } })
class OrdersConsumer {
  async consume(messages: KafkaMessage[]): Promise<void> {
    for (const message of messages) {
      const order = message.payload as { note?: string };
      if (order.note) throw new Error(`cannot take order: ${order.note}`);
    }
  }
}

/** Holds its first batch until the spec ends, so the rest of the backlog stays unconsumed: lag. */
@KafkaTopic(backlog, { cluster: 'secondary', consumerGroup: `${groupId}-backlog` })
class BacklogConsumer {
  async consume(): Promise<void> {
    await release.promise;
  }
}

@KafkaJob(jobsTopic)
class ReceiptJob {
  async perform(): Promise<void> {}
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Web UI in a browser, two processes reporting (e2e)', () => {
  let app: INestApplication;
  let worker: ChildProcess;
  let chromium: LaunchedBrowser;
  let base: string;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await createTopic(primaryBrokers(), orders, 3);
    await createTopic(primaryBrokers(), `${orders}.dlq`, 1);
    await createTopic(primaryBrokers(), jobsTopic, 1);
    await createTopic(secondaryBrokers(), backlog, 1);
    await createTopic(secondaryBrokers(), audit, 1);
    await createTopic(secondaryBrokers(), workerTopic, 1);

    const moduleRef = await Test.createTestingModule({
      imports: [
        KarafkaModule.forRoot({
          kafka: { 'bootstrap.servers': PRIMARY, 'client.id': 'webui-e2e' },
          clusters: { secondary: { 'bootstrap.servers': SECONDARY, 'client.id': 'webui-e2e' } },
          consumerGroup: groupId,
          consumer: { maxWaitTime: 300 },
          producers: { audit: { cluster: 'secondary' } },
          logRoutingTable: false,
        }),
        KarafkaWebModule.forRoot({
          auth: { username: 'ops', password: PASSWORD },
          processing: true,
          refreshIntervalMs: 1_000,
          ...webTestReporting(webPrefix, webGroup),
        }),
      ],
      providers: [OrdersConsumer, BacklogConsumer, ReceiptJob],
    }).compile();
    app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    base = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/karafka`;

    worker = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(PROJECT_ROOT, 'test/fixtures/web-reporter-app.ts')],
      {
        cwd: PROJECT_ROOT,
        env: {
          ...process.env,
          KAFKA_PRIMARY_BROKERS: PRIMARY,
          KAFKA_SECONDARY_BROKERS: SECONDARY,
          TOPIC: workerTopic,
          GROUP_ID: `${groupId}-worker`,
          WEB_TOPIC_PREFIX: webPrefix,
          WEB_GROUP: webGroup,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    worker.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    await waitFor(() => out.includes('ready'), {
      timeoutMs: 60_000,
      description: 'the worker process to start',
    });

    // What the pages must show: N unconsumed messages, a consumer error with hostile markup, a named producer's
    // deliveries, a job.
    const producer = testKafka(secondaryBrokers()).producer();
    await producer.connect();
    await producer.send({
      topic: backlog,
      messages: Array.from({ length: BACKLOG }, (_, n) => ({ value: JSON.stringify({ n }) })),
    });
    await producer.disconnect();
    const registry = app.get(ProducerRegistry);
    await registry.get().produceSync({ topic: orders, payload: { note: HOSTILE } });
    for (let n = 0; n < AUDITED; n++)
      await registry.get('audit').produceSync({ topic: audit, payload: { n } });
    await app.get(KafkaJobs).enqueue(ReceiptJob, {});

    chromium = await launchChromium();
    page = await chromium.context.newPage();
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    release.resolve();
    await chromium?.close();
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await app?.close();
  });

  /** Opens `path` as a signed-in user, reloading until `ready(text of #content)` holds; then screenshots it. */
  async function open(path: string, name: string, ready: (text: string) => boolean): Promise<string> {
    await page.setExtraHTTPHeaders({ authorization: basic('ops', PASSWORD) });
    const text = await waitFor(
      async () => {
        const response = await page.goto(`${base}${path}`);
        expect(response?.status()).toBe(200);
        const content = (await page.locator('#content').innerText()).replace(/\s+/g, ' ');
        return ready(content) ? content : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: `the ${name} page to show the expected data` },
    );
    await expect(page.locator('header .reporting').innerText()).resolves.toMatch(
      new RegExp(`Reporting on primary · ${PRIMARY.replace(/\./g, '\\.')}`),
    );
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    return text;
  }

  it('refuses the pages without credentials and with wrong ones', async () => {
    // Its own page, so the refusals' 401s do not count as console errors of the pages checked below.
    const refusedPage = await chromium.context.newPage();
    try {
      // Chromium gives up on a basic-auth challenge it has no credentials for: the UI never renders.
      await expect(refusedPage.goto(base)).rejects.toThrow(/ERR_INVALID_AUTH_CREDENTIALS/);
      for (const authorization of [undefined, basic('ops', 'wrong'), basic('root', PASSWORD)]) {
        const response = await refusedPage.request.get(`${base}/processes`, {
          headers: authorization ? { authorization } : {},
        });
        expect(response.status()).toBe(401);
        expect(response.headers()['www-authenticate']).toBe('Basic realm="Karafka Web", charset="UTF-8"');
        expect(await response.text()).not.toContain('Reporting on');
      }
    } finally {
      await refusedPage.close();
    }
  });

  it('Dashboard: both processes up, per cluster and total, with charts drawn', async () => {
    await open(
      '',
      'dashboard',
      // (innerText is as shown: the tile labels are upper-cased by the stylesheet.)
      (text) => /Processes 2 up/i.test(text) && /primary .*secondary .*Total/i.test(text),
    );
    await waitFor(async () => (await page.locator('.chart-canvas canvas').count()) >= 5, {
      description: 'uPlot to draw the five charts',
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
  });

  it('Processes: both processes with their groups, partitions, and the lag of the unconsumed messages', async () => {
    const text = await open(
      '/processes',
      'processes',
      (t) => t.includes(workerTopic) && t.includes(backlog) && /2 processes up/.test(t),
    );
    expect(text).toContain(orders);
    const backlogRow = page.locator(`tr[data-group="${groupId}-backlog"]`).first();
    // The held batch's first message is being consumed; the rest of the N is lag.
    await waitFor(async () => /\b[67]\b/.test(await backlogRow.locator(':scope > td').nth(6).innerText()), {
      description: 'the backlog lag to be reported',
    });
    await backlogRow.locator('details summary').click();
    const partitionLag = await backlogRow.locator(`tr[data-partition="${backlog}/0"] td.lag`).innerText();
    expect(Number(partitionLag)).toBeGreaterThanOrEqual(BACKLOG - 1);
    // Partitions are listed once the runner fetched from them: the failed order's partition at least.
    const ordersRow = page.locator(`tr[data-group="${groupId}"]`).filter({ hasText: orders }).first();
    await expect(ordersRow.locator(':scope > td').nth(5).innerText()).resolves.toMatch(/[1-3]/);
    await page.screenshot({ path: join(SCREENSHOTS, 'processes.png'), fullPage: true });
  });

  it('Routing: this app’s clusters, groups, topics and consumer classes', async () => {
    const text = await open('/routing', 'routing', (t) => t.includes(orders));
    expect(text).toContain('OrdersConsumer');
    expect(text).toContain('BacklogConsumer');
    expect(text).toContain(`${orders}.dlq after 0 retries`);
    expect(text).toMatch(/audit secondary/);
  });

  it("Producers: the named producer's counts on its cluster", async () => {
    await open('/producers', 'producers', (t) => t.includes('audit'));
    const row = page.locator('tr[data-producer="audit"]').first();
    await waitFor(async () => (await row.locator('td.acked').innerText()) === String(AUDITED), {
      description: `audit's ${AUDITED} acks to be reported`,
    });
    await expect(row.innerText()).resolves.toMatch(/secondary/);
    await expect(row.locator('td.sent').innerText()).resolves.toBe(String(AUDITED));
  });

  it('Jobs: the job performed, with its cluster', async () => {
    const text = await open('/jobs', 'jobs', (t) => t.includes('ReceiptJob') && t.includes('performed'));
    expect(text).toMatch(/ReceiptJob performed 1 primary/);
  });

  it("Errors: the consumer's error, its hostile markup shown as text that runs nothing", async () => {
    const text = await open('/errors', 'errors', (t) => t.includes('cannot take order'));
    expect(text).toContain(`cannot take order: ${HOSTILE}`);
    expect(text).toContain(orders);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('#content img, #content script').count()).toBe(0);
  });

  it("Clusters: both clusters' brokers and the app's topics with their partitions", async () => {
    const text = await open('/clusters', 'clusters', (t) => t.includes(orders));
    expect(text).toContain(PRIMARY);
    expect(text).toContain(SECONDARY);
    await expect(page.locator(`tr[data-topic="${orders}"] td`).nth(1).innerText()).resolves.toBe('3');
    expect(text).not.toContain('unreachable');
  });

  it('Status: the checks, and which cluster reports and why', async () => {
    const text = await open('/status', 'status', (t) => t.includes('Reporting cluster'));
    expect(text).toContain('primary');
    expect(await page.locator('li.check').count()).toBeGreaterThan(0);
  });

  it("Explorer: a topic's partitions, then the hostile order's payload shown as escaped JSON", async () => {
    await open(`/explorer?q=${encodeURIComponent(orders)}`, 'explorer', (t) => t.includes(orders));
    await page.locator(`tr[data-topic="${orders}"] a`).click();
    await expect(page.locator('tr[data-partition]').count()).resolves.toBe(3);
    const partition = await waitFor(
      async () => {
        for (const row of await page.locator('tr[data-partition]').all())
          if ((await row.locator('td').nth(3).innerText()) === '1') return row;
        return undefined;
      },
      { description: 'the partition holding the order' },
    );
    await partition.locator('a').click();
    await page.locator('tr[data-offset] td a').first().click();
    await expect(page.locator('pre.payload').innerText()).resolves.toContain(
      `"note": ${JSON.stringify(HOSTILE)}`,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'explorer-message.png'), fullPage: true });
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
  });

  it('Dead letters: the dead order with its source and reason, and the replay confirmation', async () => {
    const text = await open('/dead-letters', 'dead-letters', (t) => t.includes('cannot take order'));
    expect(text).toContain(`${orders}.dlq`);
    expect(text).toContain(`primary · ${orders}`);
    await page.locator('tr[data-dead-letter] input[type="checkbox"]').first().check();
    await page.getByRole('button', { name: 'Replay selected…' }).click();
    await expect(page.locator('#content').innerText()).resolves.toContain(`1 message to primary · ${orders}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'dead-letters-confirm.png'), fullPage: true });
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
  });

  it("Offsets: the backlog group's committed offsets and lag, not movable while it runs", async () => {
    const text = await open(`/offsets/secondary/${groupId}-backlog`, 'offsets', (t) =>
      t.includes('running member'),
    );
    expect(text).toContain(backlog);
    expect(text).toMatch(/The group has \d+ running members?: stop its consumers/);
    expect(await page.locator('form.move-offsets').count()).toBe(0);
  });

  it("Health: both clusters' groups with their lag; the running backlog group is not flagged as member-less", async () => {
    const text = await open(
      '/health',
      'health',
      (t) => t.includes(`${groupId}-backlog`) && /secondary \d+ groups?/.test(t),
    );
    expect(text).toMatch(/primary \d+ groups?/);
    const backlogGroup = page.locator(`.health-group[data-group="${groupId}-backlog"]`);
    await expect(backlogGroup.locator('h3').innerText()).resolves.toMatch(/[1-9]\d* members?/);
    expect(await backlogGroup.getAttribute('class')).toBe('health-group');
    await expect(page.locator('nav.nav a.active').innerText()).resolves.toBe('Health');
  });

  it('Search: the hostile order found by payload substring in its partition, shown as text', async () => {
    let found = 0;
    for (const partition of [0, 1, 2]) {
      const text = await open(
        `/search/primary/${orders}/${partition}?contains=pwned`,
        `search-${partition}`,
        (t) => t.includes('Scanned'),
      );
      const count = Number(/(\d+) found/.exec(text)?.[1]);
      if (count > 0)
        await expect(page.locator('.preview').first().innerText()).resolves.toContain(
          JSON.stringify(HOSTILE),
        );
      found += count;
    }
    expect(found).toBe(1);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
  });

  it('refreshes a page live without a reload, and no page logged a console error', async () => {
    await open('/processes', 'processes-live', (t) => t.includes(workerTopic));
    const first = await page.locator('#content').getAttribute('data-generated');
    await waitFor(async () => (await page.locator('#content').getAttribute('data-generated')) !== first, {
      description: 'the live refresh to swap in a newer #content',
    });
    expect(pageErrors).toEqual([]);
  });
});
