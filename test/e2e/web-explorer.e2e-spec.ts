/**
 * The Web UI's Explorer and Dead letters pages over HTTP, on real clusters: topics and partitions with their
 * watermarks, a known message found by offset on each cluster, payloads as JSON, text or hex and escaped, a
 * large one cut, a masked topic showing no payload; dead letters made by a failing consumer on both clusters,
 * listed with their source and reason, a selection replayed (checked with an independent reader on the
 * source cluster), and refused when read-only.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { KarafkaModule } from 'nestjs-karafka';
import { KarafkaWebModule, type KarafkaWebModuleOptions } from 'nestjs-karafka/web';
import { webTestReporting } from '../fixtures/web-test-reporting';
import { createTopic, primaryBrokers, secondaryBrokers, testKafka, uniqueName } from '../support/kafka-env';

const PRIMARY = primaryBrokers().join(',');
const SECONDARY = secondaryBrokers().join(',');

const orders = uniqueName('web-x.orders');
const audit = uniqueName('web-x.audit');
const pii = uniqueName('web-x.pii');

const REPORTING = webTestReporting(uniqueName('web-x.reporting'), uniqueName('web-x-processing'));
const BIG = 'x'.repeat(100_000);

async function startApp(
  web: Partial<KarafkaWebModuleOptions>,
  providers: Array<new () => unknown> = [],
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      KarafkaModule.forRoot({
        kafka: { 'bootstrap.servers': PRIMARY, 'client.id': 'web-x-e2e' },
        clusters: { secondary: { 'bootstrap.servers': SECONDARY, 'client.id': 'web-x-e2e' } },
        consumerGroup: uniqueName('web-x'),
        logRoutingTable: false,
        autoStartConsumers: false,
      }),
      KarafkaWebModule.forRoot({
        ...REPORTING,
        auth: { username: 'ops', password: 's3cret' },
        maskedTopics: [`secondary:${pii}`],
        ...web,
      }),
    ],
    providers,
  }).compile();
  const app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  return app;
}

const AUTH = { authorization: `Basic ${Buffer.from('ops:s3cret').toString('base64')}` };
const textOf = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

async function produce(
  brokers: string[],
  topic: string,
  messages: Array<{
    partition?: number;
    key: string | null;
    value: string | Buffer | null;
    headers?: Record<string, string>;
  }>,
) {
  const producer = testKafka(brokers).producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: messages.map((m) => ({ partition: 0, ...m })) });
  } finally {
    await producer.disconnect();
  }
}

let app: INestApplication;
let base: string;
const get = async (path: string) => {
  const response = await fetch(`${base}/karafka${path}`, { headers: AUTH, redirect: 'manual' });
  return { status: response.status, body: await response.text(), response };
};

beforeAll(async () => {
  await Promise.all([
    createTopic(primaryBrokers(), orders, 2),
    createTopic(secondaryBrokers(), audit, 1),
    createTopic(secondaryBrokers(), pii, 1),
  ]);
  // orders partition 0: offsets 0..29 JSON, 30 binary, 31 an attempt at markup, 32 a large payload.
  await produce(primaryBrokers(), orders, [
    ...Array.from({ length: 30 }, (_, i) => ({
      key: `order-${i}`,
      value: JSON.stringify({ id: i, item: `thing ${i}` }),
      headers: { source: `test-${i}` },
    })),
    { key: null, value: Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00]) },
    { key: '<b>k</b>', value: '<script>alert(1)</script>', headers: { '<h>': '"><img src=x>' } },
    { key: 'big', value: BIG },
  ]);
  await produce(secondaryBrokers(), audit, [
    { key: 'a-0', value: 'first audit line' },
    { key: 'a-1', value: 'second audit line' },
  ]);
  await produce(secondaryBrokers(), pii, [
    { key: 'user-7', value: JSON.stringify({ email: 'secret@example.com' }) },
  ]);
  app = await startApp({});
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});
afterAll(() => app?.close());

describe('Explorer (e2e)', () => {
  it('lists every cluster with its topics, filterable by name', async () => {
    const { status, body } = await get(`/explorer?q=${encodeURIComponent('web-x.')}`);
    expect(status).toBe(200);
    const [primaryPart, secondaryPart] = body.split(/<h2>\s*secondary/);
    expect(primaryPart).toMatch(new RegExp(`data-topic="${orders}"[^]*?<td class="num">2</td>`));
    expect(secondaryPart).toContain(`data-topic="${audit}"`);
    expect(secondaryPart).toContain(`data-topic="${pii}"`);
    expect(primaryPart).not.toContain(`data-topic="${audit}"`);
    expect((await get('/explorer?q=no-such-topic-name-here')).body).not.toContain(`data-topic="${orders}"`);
  });

  it("shows a topic's partitions with their watermarks", async () => {
    const { body } = await get(`/explorer/primary/${orders}`);
    expect(textOf(body)).toContain('2 partitions · 33 messages in range');
    expect(body).toMatch(
      /data-partition="0">[^]*?>0<\/a><\/td>\s*<td class="num">0<\/td>\s*<td class="num">33<\/td>/,
    );
    expect(body).toMatch(/data-partition="1">[^]*?<td class="num">0<\/td>\s*<td class="num">0<\/td>/);
  });

  it('lists a partition newest first, pages back, and jumps to an offset', async () => {
    const first = (await get(`/explorer/primary/${orders}/0`)).body;
    const offsets = [...first.matchAll(/<tr data-offset="(\d+)"/g)].map((m) => Number(m[1]));
    expect(offsets).toEqual(Array.from({ length: 25 }, (_, i) => 32 - i));
    expect(textOf(first)).toContain('Page 1 of 2 · 33 in all');

    const second = (await get(`/explorer/primary/${orders}/0?page=2`)).body;
    expect([...second.matchAll(/<tr data-offset="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([
      7, 6, 5, 4, 3, 2, 1, 0,
    ]);

    const jumped = (await get(`/explorer/primary/${orders}/0?offset=3`)).body;
    expect(jumped).toContain('<tr data-offset="3" class="highlight">');
    expect(textOf(jumped)).toContain('order-3');
    expect((await get(`/explorer/primary/${orders}/0?offset=abc`)).status).toBe(400);
    expect((await get(`/explorer/primary/${orders}/7`)).status).toBe(404);
    expect((await get(`/explorer/nowhere/${orders}/0`)).status).toBe(404);
  });

  it('shows a known message by offset: key, headers, timestamp and pretty JSON', async () => {
    const { status, body } = await get(`/explorer/primary/${orders}/0/12`);
    expect(status).toBe(200);
    expect(body).toContain('<span class="mono">order-12</span>');
    expect(body).toMatch(/<th class="mono">source<\/th>\s*<td class="mono">test-12<\/td>/);
    expect(body).toContain(
      '<pre class="payload">{\n  &quot;id&quot;: 12,\n  &quot;item&quot;: &quot;thing 12&quot;\n}</pre>',
    );
    expect(body).toMatch(/<dd>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC<\/dd>/);
  });

  it('finds a known message by offset on the secondary cluster', async () => {
    const { body } = await get(`/explorer/secondary/${audit}/0/1`);
    expect(body).toContain('<span class="mono">a-1</span>');
    expect(body).toContain('<pre class="payload">second audit line</pre>');
  });

  it('dumps binary payloads as hex and escapes everything from Kafka', async () => {
    expect((await get(`/explorer/primary/${orders}/0/30`)).body).toContain('00000000  de ad be ef 00');
    const hostile = (await get(`/explorer/primary/${orders}/0/31`)).body;
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).toContain('&lt;b&gt;k&lt;/b&gt;');
    expect(hostile).toContain('&quot;&gt;&lt;img src=x&gt;');
    expect(hostile).not.toMatch(/<script>alert|<b>k|<img src=x/);
    const list = (await get(`/explorer/primary/${orders}/0`)).body;
    expect(list).not.toMatch(/<script>alert|<b>k/);
  });

  it('cuts a large payload with a link to see all of it', async () => {
    const cut = (await get(`/explorer/primary/${orders}/0/32`)).body;
    expect(cut).toContain(`<pre class="payload">${'x'.repeat(65_536)}</pre>`);
    expect(cut).toContain(`/karafka/explorer/primary/${orders}/0/32?full=1`);
    const full = (await get(`/explorer/primary/${orders}/0/32?full=1`)).body;
    expect(full).toContain(`<pre class="payload">${BIG}</pre>`);
  });

  it('shows no payload of a masked topic, in the list or the message', async () => {
    const list = (await get(`/explorer/secondary/${pii}/0`)).body;
    const message = (await get(`/explorer/secondary/${pii}/0/0`)).body;
    for (const body of [list, message]) {
      expect(body).toContain('payload hidden for this topic');
      expect(body).toContain('user-7');
      expect(body).not.toContain('secret@example.com');
    }
  });
});
