/**
 * The Web UI's Explorer and Dead letters pages over HTTP, on real clusters: topics and partitions with their
 * watermarks, a known message found by offset on each cluster, payloads as JSON, text or hex and escaped, a
 * large one cut, a masked topic showing no payload; dead letters made by a failing consumer on both clusters,
 * listed with their source and reason, a selection replayed (checked with an independent reader on the
 * source cluster), and refused when read-only.
 */
import 'reflect-metadata';
import { Logger, type INestApplication } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { ClusterRegistry, KafkaTopic, KarafkaAdmin, KarafkaModule, type KafkaMessage } from 'nestjs-karafka';
import { KarafkaWebModule, type KarafkaWebModuleOptions } from 'nestjs-karafka/web';
import { webTestReporting } from '../fixtures/web-test-reporting';
import {
  createTopic,
  primaryBrokers,
  readAllWithPeer,
  secondaryBrokers,
  testKafka,
  topicExists,
  uniqueName,
  waitFor,
} from '../support/kafka-env';
import { WEB_AUTH, textOf } from '../support/web-text';

const PRIMARY = primaryBrokers().join(',');
const SECONDARY = secondaryBrokers().join(',');

const orders = uniqueName('web-x.orders');
const audit = uniqueName('web-x.audit');
const pii = uniqueName('web-x.pii');
const timed = uniqueName('web-x.timed');
/** Offset n of `timed` has this time plus n hours. */
const TIMED_FROM = Date.UTC(2026, 0, 1);

// Dead letters: a failing consumer on each cluster, each dead-lettering on its own cluster.
const pay = uniqueName('web-x.pay');
const ship = uniqueName('web-x.ship');

/** Replayed messages the consumers got (a replay is not failed again, so it is consumed). */
const consumedReplays: string[] = [];

function failUnlessReplayed(messages: KafkaMessage[]): void {
  for (const message of messages) {
    const replay = message.headers.karafka_replay_of;
    if (replay) consumedReplays.push(`${message.cluster}:${message.topic}:${message.key}`);
    else if ((message.payload as { fail?: boolean }).fail) throw new Error(`refused ${message.key}`);
  }
}

// One message a batch, so each failing message is the one dead-lettered.
@KafkaTopic(pay, { maxMessages: 1, deadLetterQueue: { topic: `${pay}.dlq`, maxRetries: 1 } })
class PayConsumer {
  consume(messages: KafkaMessage[]): void {
    failUnlessReplayed(messages);
  }
}

@KafkaTopic(ship, {
  cluster: 'secondary',
  maxMessages: 1,
  deadLetterQueue: { topic: `${ship}.dlq`, maxRetries: 1 },
})
class ShipConsumer {
  consume(messages: KafkaMessage[]): void {
    failUnlessReplayed(messages);
  }
}

const REPORTING = webTestReporting(uniqueName('web-x.reporting'), uniqueName('web-x-processing'));
const BIG = 'x'.repeat(100_000);

async function startApp(
  web: Partial<KarafkaWebModuleOptions>,
  autoStartConsumers: boolean,
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      KarafkaModule.forRoot({
        kafka: { 'bootstrap.servers': PRIMARY, 'client.id': 'web-x-e2e' },
        clusters: { secondary: { 'bootstrap.servers': SECONDARY, 'client.id': 'web-x-e2e' } },
        consumerGroup: uniqueName('web-x'),
        consumer: { maxWaitTime: 200, retry: { backoffMs: 50, maxBackoffMs: 100 } },
        logRoutingTable: false,
        autoStartConsumers,
      }),
      KarafkaWebModule.forRoot({
        ...REPORTING,
        auth: { username: 'ops', password: 's3cret' },
        maskedTopics: [`secondary:${pii}`],
        ...web,
      }),
    ],
    providers: [PayConsumer, ShipConsumer],
  }).compile();
  const app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  return app;
}

async function produce(
  brokers: string[],
  topic: string,
  messages: Array<{
    partition?: number;
    key: string | null;
    value: string | Buffer | null;
    headers?: Record<string, string>;
    timestamp?: string;
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
  const response = await fetch(`${base}/karafka${path}`, { headers: WEB_AUTH, redirect: 'manual' });
  return { status: response.status, body: await response.text(), response };
};

beforeAll(async () => {
  await Promise.all([
    createTopic(primaryBrokers(), orders, 2),
    createTopic(secondaryBrokers(), audit, 1),
    createTopic(secondaryBrokers(), pii, 1),
    createTopic(primaryBrokers(), pay, 1),
    // Its messages are dated January 2026: without retention.ms=-1 the broker's time-based retention may delete
    // them mid-run (it also rolls the active segment once the newest timestamp is past retention).
    createTopic(primaryBrokers(), timed, 1, { 'retention.ms': '-1' }),
    createTopic(primaryBrokers(), `${pay}.dlq`, 1),
    createTopic(secondaryBrokers(), ship, 1),
    createTopic(secondaryBrokers(), `${ship}.dlq`, 1),
  ]);
  await produce(primaryBrokers(), pay, [
    { key: 'pay-0', value: JSON.stringify({ n: 0 }) },
    ...[1, 2, 3].map((n) => ({
      key: `pay-${n}`,
      value: JSON.stringify({ n, fail: true }),
      headers: { trace: `t-${n}` },
    })),
  ]);
  await produce(
    secondaryBrokers(),
    ship,
    [1, 2].map((n) => ({ key: `ship-${n}`, value: JSON.stringify({ n, fail: true }) })),
  );
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
  await produce(
    primaryBrokers(),
    timed,
    Array.from({ length: 5 }, (_, n) => ({
      key: `t-${n}`,
      value: `at hour ${n}`,
      timestamp: String(TIMED_FROM + n * 3_600_000),
    })),
  );
  await produce(secondaryBrokers(), audit, [
    { key: 'a-0', value: 'first audit line' },
    { key: 'a-1', value: 'second audit line' },
  ]);
  await produce(secondaryBrokers(), pii, [
    { key: 'user-7', value: JSON.stringify({ email: 'secret@example.com' }) },
  ]);
  app = await startApp({}, true);
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
    const row = (partition: number) =>
      textOf(new RegExp(`<tr data-partition="${partition}">[^]*?</tr>`).exec(body)?.[0] ?? '').trim();
    // Partition, low watermark, high watermark, messages in range.
    expect(row(0)).toBe('0 0 33 33');
    expect(row(1)).toBe('1 0 0 0');
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

  it('jumps to the first message at or after a time', async () => {
    const jumped = (await get(`/explorer/primary/${timed}/0?time=2026-01-01T02:30`)).body;
    expect(jumped).toContain('<tr data-offset="3" class="highlight">');
    expect(jumped).toContain('value="2026-01-01T02:30:00"');
    expect(textOf((await get(`/explorer/primary/${timed}/0?time=2026-01-01T00:00:00Z`)).body)).toMatch(
      /0 2026-01-01 00:00:00 UTC t-0/,
    );
    const after = textOf((await get(`/explorer/primary/${timed}/0?time=2026-02-01T00:00`)).body);
    expect(after).toContain('No message at or after 2026-02-01 00:00:00 UTC: showing the newest.');
    expect((await get(`/explorer/primary/${timed}/0?time=yesterday`)).status).toBe(400);
  });

  it('finds known messages by key and by payload substring, saying what it scanned', async () => {
    const offsetsOf = (body: string) =>
      [...body.matchAll(/<tr data-offset="(\d+)"/g)].map((m) => Number(m[1]));
    const byKey = (await get(`/search/primary/${orders}/0?key=order-12`)).body;
    expect(offsetsOf(byKey)).toEqual([12]);
    expect(textOf(byKey)).toContain('Scanned 33 of 33 messages (offsets 0–32)');
    expect(textOf(byKey)).toContain('1 found');
    const byText = (await get(`/search/primary/${orders}/0?contains=${encodeURIComponent('thing 2')}`)).body;
    expect(offsetsOf(byText)).toEqual([29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 2]);
    expect(offsetsOf((await get(`/search/secondary/${audit}/0?key=a-1&contains=second`)).body)).toEqual([1]);
    expect(offsetsOf((await get(`/search/secondary/${audit}/0?key=a-1&contains=first`)).body)).toEqual([]);
    // A masked topic: by key yes (without its payload), by payload no.
    const piiByKey = (await get(`/search/secondary/${pii}/0?key=user-7`)).body;
    expect(offsetsOf(piiByKey)).toEqual([0]);
    expect(piiByKey).not.toContain('secret@example.com');
    expect((await get(`/search/secondary/${pii}/0?contains=secret`)).status).toBe(403);
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

/** The confirmation page's form: what its POST sends, with the CSRF cookie. */
async function confirmation(path: string) {
  const response = await fetch(`${base}/karafka${path}`, { headers: WEB_AUTH });
  const body = await response.text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(body)?.[1];
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  return {
    status: response.status,
    body,
    cookie,
    form: { _csrf: field('_csrf') ?? '', messages: field('messages') ?? '', nonce: field('nonce') ?? '' },
  };
}

async function post(url: string, cookie: string, form: Record<string, string>) {
  const response = await fetch(`${base}/karafka${url}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...WEB_AUTH, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, location: response.headers.get('location'), body: await response.text() };
}

const replaysIn = async (brokers: string[], topic: string) =>
  (await readAllWithPeer(brokers, topic)).filter(
    (message) => message.headers.karafka_replay_of !== undefined,
  );

describe('Explorer on a 100,000-message partition (e2e)', () => {
  const big = uniqueName('web-x.big');
  const COUNT = 100_000;

  beforeAll(async () => {
    await createTopic(primaryBrokers(), big, 1);
    const producer = testKafka(primaryBrokers()).producer();
    await producer.connect();
    try {
      for (let start = 0; start < COUNT; start += 10_000)
        await producer.send({
          topic: big,
          messages: Array.from({ length: 10_000 }, (_, i) => ({
            key: `k-${start + i}`,
            value: JSON.stringify({ n: start + i, note: 'a small order of the bench' }),
          })),
        });
    } finally {
      await producer.disconnect();
    }
  });

  it('renders the first page, a deep page and a jump, and prints how long each took', async () => {
    const timed = async (label: string, path: string) => {
      const started = performance.now();
      const { status, body } = await get(path);
      const ms = performance.now() - started;
      console.log(
        `[web] explorer ${label} of a ${COUNT.toLocaleString('en-US')}-message partition: ${ms.toFixed(0)} ms`,
      );
      expect(status).toBe(200);
      return [...body.matchAll(/<tr data-offset="(\d+)"/g)].map((m) => Number(m[1]));
    };
    await get(`/explorer/primary/${big}/0`); // the first request connects the admin: not what is measured
    expect(await timed('first page', `/explorer/primary/${big}/0`)).toEqual(
      Array.from({ length: 25 }, (_, i) => COUNT - 1 - i),
    );
    expect((await timed('page 2,000', `/explorer/primary/${big}/0?page=2000`))[0]).toBe(
      COUNT - 1 - 1999 * 25,
    );
    expect(await timed('jump to offset 50,000', `/explorer/primary/${big}/0?offset=50000`)).toContain(50_000);
    expect(await timed('search by a recent key', `/search/primary/${big}/0?key=k-99990`)).toEqual([99_990]);
    // A key no message has: the search scans until its bounds (100,000 asked, 5 s at most) and says how far it got.
    const started = performance.now();
    const missing = textOf((await get(`/search/primary/${big}/0?key=nobody&scan=100000`)).body);
    const summary = /Scanned ([\d,]+) of 100,000 messages[^·]*/.exec(missing)?.[0];
    console.log(
      `[web] explorer search for a missing key: ${summary} (${(performance.now() - started).toFixed(0)} ms)`,
    );
    expect(summary).toBeDefined();
    expect(missing).toContain('0 found');
    expect(textOf((await get(`/search/primary/${big}/0?key=k-5`)).body)).toContain(
      'Scanned 10,000 of 100,000 messages (offsets 90000–99999)',
    );
    expect((await get(`/search/primary/${big}/0?key=k-5&scan=7`)).status).toBe(400);
  });
});

describe('Offsets (e2e)', () => {
  const stopped = uniqueName('web-x-stopped');
  const running = () => app.get(ClusterRegistry).routing.subscriptionGroups[0].groupId;
  const committed = async (group: string, topic: string) => {
    const description = await app.get(KarafkaAdmin).describeConsumerGroup(group);
    return description.topics.find((t) => t.topic === topic)?.partitions.map((p) => p.committedOffset);
  };

  beforeAll(async () => {
    const admin = testKafka(primaryBrokers()).admin();
    await admin.connect();
    try {
      await admin.setOffsets({ groupId: stopped, topic: timed, partitions: [{ partition: 0, offset: '5' }] });
    } finally {
      await admin.disconnect();
    }
  });

  it("lists a cluster's groups and shows a stopped group's committed offsets and lag", async () => {
    expect((await get(`/offsets?q=${encodeURIComponent(stopped)}`)).body).toContain(
      `data-group="${stopped}"`,
    );
    const { body } = await get(`/offsets/primary/${stopped}`);
    expect(
      textOf(new RegExp(`<tr data-partition="${timed}/0">[^]*?</tr>`).exec(body)?.[0] ?? '').trim(),
    ).toBe(`${timed} 0 5 5 0`);
    expect(body).toContain('Move…');
  });

  it('moves a stopped group to an offset and to a time, after a confirmation, as describeConsumerGroup sees', async () => {
    const confirm = await confirmation(
      `/offsets/primary/${stopped}/move?topic=${timed}&partition=0&target=offset&value=2`,
    );
    expect(textOf(confirm.body)).toContain(
      `Move ${stopped} on primary , topic ${timed} , partition 0, to offset 2 .`,
    );
    const form = { _csrf: confirm.form._csrf, topic: timed, partition: '0', target: 'offset', value: '2' };
    const moved = await post(`/offsets/primary/${stopped}/move`, confirm.cookie, form);
    expect(moved).toMatchObject({ status: 303, location: `/karafka/offsets/primary/${stopped}?moved=1` });
    expect(await committed(stopped, timed)).toEqual(['2']);
    await post(`/offsets/primary/${stopped}/move`, confirm.cookie, {
      ...form,
      partition: 'all',
      target: 'time',
      value: '2026-01-01T03:30',
    });
    expect(await committed(stopped, timed)).toEqual(['4']);
  });

  it('refuses to move a group with running members, saying why, and moves nothing', async () => {
    const group = running();
    await waitFor(async () => (await app.get(KarafkaAdmin).describeConsumerGroup(group)).members.length > 0, {
      description: 'the app group to have members',
    });
    const before = await committed(group, pay);
    const page = (await get(`/offsets/primary/${group}`)).body;
    expect(textOf(page)).toMatch(
      /The group has \d+ running members?: stop its consumers to move its offsets/,
    );
    expect(page).not.toContain('Move…');
    const confirm = await confirmation(`/offsets/primary/${stopped}/move?topic=${pay}&target=earliest`);
    const refused = await post(`/offsets/primary/${group}/move`, confirm.cookie, {
      _csrf: confirm.form._csrf,
      topic: pay,
      target: 'earliest',
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('running member');
    expect(await committed(group, pay)).toEqual(before);
  });
});

describe('Dead letters (e2e)', () => {
  beforeAll(async () => {
    const admin = testKafka(primaryBrokers()).admin();
    const admin2 = testKafka(secondaryBrokers()).admin();
    await Promise.all([admin.connect(), admin2.connect()]);
    try {
      const high = async (a: typeof admin, topic: string) =>
        Number((await a.fetchTopicOffsets(topic))[0].high);
      await waitFor(
        async () => (await high(admin, `${pay}.dlq`)) === 3 && (await high(admin2, `${ship}.dlq`)) === 2,
        {
          timeoutMs: 60_000,
          description: 'the failing consumers to dead-letter 3 + 2 messages',
        },
      );
    } finally {
      await Promise.all([admin.disconnect(), admin2.disconnect()]);
    }
  });

  it('lists every dead-letter topic of the routing per cluster, with source, attempts and reason', async () => {
    const { status, body } = await get('/dead-letters');
    expect(status).toBe(200);
    const text = textOf(body);
    expect(text).toContain(`${pay}.dlq primary`);
    expect(text).toContain(`${ship}.dlq secondary`);
    for (const n of [1, 2, 3]) {
      const row =
        new RegExp(`data-dead-letter="0:${n - 1}">[^]*?</tr>`).exec(body.split(`${ship}.dlq`)[0])?.[0] ?? '';
      expect(textOf(row)).toContain(`primary · ${pay} [0] @ ${n}`);
      expect(textOf(row)).toContain(`Error : refused pay-${n}`);
      expect(row).toMatch(/<td class="num">2<\/td>/); // one try and one retry
    }
    expect(textOf(body)).toContain(`secondary · ${ship} [0] @ 1`);
    expect(textOf(body)).toContain('refused ship-2');
  });

  it('replays a selection back to its source topic on its source cluster, once per confirmation, recorded', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log');
    const dlq = `${pay}.dlq`;
    const confirm = await confirmation(`/dead-letters/primary/${dlq}/replay?m=0:0&m=0:2`);
    expect(confirm.status).toBe(200);
    expect(textOf(confirm.body)).toContain(`2 messages to primary · ${pay}`);
    expect(confirm.form.messages).toBe('0:0,0:2');

    const done = await post(`/dead-letters/primary/${dlq}/replay`, confirm.cookie, confirm.form);
    expect(done).toMatchObject({ status: 303, location: '/karafka/dead-letters?replayed=2#replays' });
    // The same confirmation again (a double click): nothing more is sent.
    expect((await post(`/dead-letters/primary/${dlq}/replay`, confirm.cookie, confirm.form)).location).toBe(
      '/karafka/dead-letters?replayed=0#replays',
    );

    const shipConfirm = await confirmation(`/dead-letters/secondary/${ship}.dlq/replay?m=0:1`);
    expect(textOf(shipConfirm.body)).toContain(`1 message to secondary · ${ship}`);
    expect(
      (await post(`/dead-letters/secondary/${ship}.dlq/replay`, shipConfirm.cookie, shipConfirm.form)).status,
    ).toBe(303);

    // An independent reader on each source cluster: exactly the chosen ones, with their bytes and own headers.
    const payReplays = await replaysIn(primaryBrokers(), pay);
    expect(
      payReplays.map((m) => [
        m.key,
        m.value,
        m.headers.trace,
        m.headers.karafka_replay_of,
        m.headers.source_topic,
      ]),
    ).toEqual([
      ['pay-1', JSON.stringify({ n: 1, fail: true }), 't-1', `primary/${dlq}/0/0`, undefined],
      ['pay-3', JSON.stringify({ n: 3, fail: true }), 't-3', `primary/${dlq}/0/2`, undefined],
    ]);
    expect(payReplays.every((m) => m.headers.karafka_replayed_by === 'ops')).toBe(true);
    const shipReplays = await replaysIn(secondaryBrokers(), ship);
    expect(shipReplays.map((m) => [m.key, m.headers.karafka_replay_of])).toEqual([
      ['ship-2', `secondary/${ship}.dlq/0/1`],
    ]);
    expect(await topicExists(primaryBrokers(), ship)).toBe(false);
    // And the consumers got them.
    await waitFor(() => consumedReplays.length === 3, { description: 'the 3 replays consumed' });
    expect([...consumedReplays].sort()).toEqual([
      `primary:${pay}:pay-1`,
      `primary:${pay}:pay-3`,
      `secondary:${ship}:ship-2`,
    ]);

    // Recorded: logged with who, and shown on the page.
    expect(logged).toHaveBeenCalledWith(
      expect.stringMatching(
        new RegExp(
          `^replay by 'ops' at .*: 2 dead letter\\(s\\) of '${dlq}' on 'primary' \\(2 to primary/${pay}\\)`,
        ),
      ),
    );
    logged.mockRestore();
    const page = textOf((await get('/dead-letters')).body);
    expect(page).toMatch(new RegExp(`UTC ops primary · ${dlq} 2 2 → primary/${pay}`));
    expect(page).toMatch(new RegExp(`UTC ops secondary · ${ship}.dlq 1 1 → secondary/${ship}`));
  });

  it('needs one more confirmation to replay a dead letter replayed before', async () => {
    const dlq = `${pay}.dlq`;
    const confirm = await confirmation(`/dead-letters/primary/${dlq}/replay?m=0:0&m=0:1`);
    expect(textOf(confirm.body)).toContain('1 of these was replayed before');
    expect(confirm.body).toContain('name="again" value="1" required');
    const refused = await post(`/dead-letters/primary/${dlq}/replay`, confirm.cookie, confirm.form);
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('1 of these dead letters were replayed before');
    expect((await replaysIn(primaryBrokers(), pay)).length).toBe(2);
  });

  it('refuses a replay without the CSRF token, of a topic the routing does not know, or of a bad pick', async () => {
    const dlq = `${pay}.dlq`;
    const confirm = await confirmation(`/dead-letters/primary/${dlq}/replay?m=0:1`);
    expect((await post(`/dead-letters/primary/${dlq}/replay`, '', confirm.form)).status).toBe(403);
    expect((await get(`/dead-letters/primary/${orders}/replay?m=0:1`)).status).toBe(404);
    expect((await get(`/dead-letters/primary/${dlq}/replay?m=zero`)).status).toBe(400);
    expect((await get(`/dead-letters/primary/${dlq}/replay?m=0:99`)).status).toBe(404);
    expect((await replaysIn(primaryBrokers(), pay)).length).toBe(2);
  });

  it('readOnly: true shows no replay form and refuses the replay', async () => {
    const readOnly = await startApp({ readOnly: true }, false);
    try {
      const url = (await readOnly.getUrl()).replace('[::1]', '127.0.0.1');
      const page = await fetch(`${url}/karafka/dead-letters`, { headers: WEB_AUTH });
      const body = await page.text();
      expect(body).toContain('read-only: replay is off');
      expect(body).toContain(`data-dead-letter="0:1"`);
      expect(body).not.toContain('type="checkbox"');
      expect(
        (await fetch(`${url}/karafka/dead-letters/primary/${pay}.dlq/replay?m=0:1`, { headers: WEB_AUTH }))
          .status,
      ).toBe(403);
      const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
      const token = cookie.split('=')[1];
      const refused = await fetch(`${url}/karafka/dead-letters/primary/${pay}.dlq/replay`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...WEB_AUTH, cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: token,
          messages: '0:1',
          nonce: 'abcdefghijklmnopqrst',
        }).toString(),
      });
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('read-only (readOnly: true): replay is turned off');
      expect((await replaysIn(primaryBrokers(), pay)).length).toBe(2);
      const move = await fetch(`${url}/karafka/offsets/primary/x/move?topic=${timed}&target=earliest`, {
        headers: WEB_AUTH,
      });
      expect(move.status).toBe(403);
      const movePost = await fetch(`${url}/karafka/offsets/primary/x/move`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...WEB_AUTH, cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, topic: timed, target: 'earliest' }).toString(),
      });
      expect(movePost.status).toBe(403);
      expect(await movePost.text()).toContain('offsets cannot be moved');
    } finally {
      await readOnly.close();
    }
  });
});
