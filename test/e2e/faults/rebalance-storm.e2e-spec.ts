import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FaultChild, settledOn } from '../../support/fault-child';
import { idRange, reportFault, sampleIds, seconds, tallyIds } from '../../support/fault-report';
import { createTopic, primaryBrokers, testKafka, uniqueName, waitFor } from '../../support/kafka-env';

/**
 * Rebalance storm: one consuming process, then three, then one again, all in one consumer group on a
 * 6-partition topic, while 100k messages are produced at a steady rate: nothing is lost (counted by id over
 * what every process wrote), and the duplicates and how long each rebalance took are printed.
 * Each process also runs a second subscription group of the same consumer group on a topic nobody writes to,
 * as Karafka apps do: kafkajs keeps one table of committed offsets per group id for all consumers of a client,
 * and a consumer that joins clears the other's entries (see kafkajs-client-per-consumer in the driver).
 */

const PARTITIONS = 6;
const TOTAL = 100_000;
/** Messages per second, sent every TICK_MS in equal parts over the partitions. */
const RATE = 2500;
const TICK_MS = 50;
/** The producer holds the last messages until the storm is over, so every rebalance happens mid-stream. */
const HELD_BACK = 5000;
/** The fixture's name for the subscription group of IDLE_TOPIC. */
const IDLE_GROUP = 'idle';
/** The kafkajs crash this storm used to provoke. */
const KAFKAJS_CRASH = "Cannot read properties of undefined (reading '0')";

jest.setTimeout(170_000);

/** Produces ids 0..TOTAL-1 (value = id, partition = id % PARTITIONS) at RATE, holding back the tail until released. */
class SteadyProducer {
  sent = 0;
  private released = false;
  private stopped = false;
  private readonly kafka = testKafka(primaryBrokers(), 'rebalance-storm-producer');
  private readonly producer = this.kafka.producer();

  constructor(readonly topic: string) {}

  release(): void {
    this.released = true;
  }

  /** Ends the stream where it is (the test is over). */
  stop(): void {
    this.stopped = true;
    this.released = true;
  }

  async run(): Promise<void> {
    await this.producer.connect();
    const perTick = (RATE * TICK_MS) / 1000;
    const started = Date.now();
    try {
      for (let tick = 0; this.sent < TOTAL && !this.stopped; tick++) {
        if (!this.released && this.sent >= TOTAL - HELD_BACK) {
          await waitFor(() => this.released, { description: 'the storm to end', timeoutMs: 170_000 });
        }
        const ids = idRange(Math.min(perTick, TOTAL - this.sent), this.sent);
        await this.producer.send({
          topic: this.topic,
          acks: -1,
          messages: ids.map((id) => ({ value: String(id), partition: id % PARTITIONS })),
        });
        this.sent += ids.length;
        const due = started + (tick + 1) * TICK_MS;
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      }
    } finally {
      await this.producer.disconnect();
    }
  }
}

describe('rebalance storm: 1 → 3 → 1 consuming processes while 100k messages flow (e2e)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rebalance-storm-'));
  const children: FaultChild[] = [];
  let producer: SteadyProducer | undefined;

  afterAll(() => {
    producer?.stop();
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing, and reports duplicates and each rebalance', async () => {
    const topic = uniqueName('storm');
    const idleTopic = uniqueName('storm-idle');
    const groupId = uniqueName('storm-group');
    await createTopic(primaryBrokers(), topic, PARTITIONS);
    await createTopic(primaryBrokers(), idleTopic, 2);
    const env = {
      KAFKA_PRIMARY_BROKERS: primaryBrokers().join(','),
      TOPIC: topic,
      IDLE_TOPIC: idleTopic,
      GROUP_ID: groupId,
      SESSION_TIMEOUT_MS: '10000',
      HEARTBEAT_INTERVAL_MS: '1000',
      MAX_MESSAGES: '500',
      // kafkajs retries a TypeError in its fetch loop at debug level for seconds before it crashes: the
      // children see those retries (the fixture's driverLog reports any TypeError).
      KAFKAJS_LOG_LEVEL: 'debug',
    };
    const start = (name: string) => {
      const child = new FaultChild(name, path.join(dir, `${name}.ids`), env);
      children.push(child);
      return child;
    };
    const settled = (members: FaultChild[], what: string) =>
      waitFor(() => settledOn(members, topic, PARTITIONS), {
        description: what,
        intervalMs: 20,
        timeoutMs: 60_000,
      }).catch((error: Error) => {
        throw new Error(
          `${error.message}\n${children.map((c) => `--- ${c.name}:\n${c.output()}`).join('\n')}`,
        );
      });
    /** How long each rebalance between `since` and now stopped `member`: its `rebalancing` to its `rebalanced`. */
    const rebalancesOf = (member: FaultChild, since: number) => {
      const took: string[] = [];
      let began: number | undefined;
      for (const fact of member.facts()) {
        if (fact.at < since || fact.group === IDLE_GROUP) continue;
        if (fact.event === 'rebalancing') began ??= fact.at;
        if (fact.event === 'rebalanced' && began !== undefined) {
          took.push(seconds(fact.at - began));
          began = undefined;
        }
      }
      return `${took.length} (${took.join(', ')})`;
    };

    const first = start('a');
    await settled([first], 'the first process holding all partitions');

    const stream = new SteadyProducer(topic);
    producer = stream;
    const producing = stream.run();
    // Awaited below; a failure before that must not go unhandled.
    producing.catch(() => undefined);
    await waitFor(() => stream.sent >= 10_000, { description: '10k produced', timeoutMs: 30_000 });

    // 1 → 3
    const grownAt = Date.now();
    const sentAtGrowth = stream.sent;
    const joiners = [start('b'), start('c')];
    await settled([first, ...joiners], 'three processes sharing the partitions');
    const grown = Date.now() - grownAt;
    const grownRebalances = rebalancesOf(first, grownAt);
    const sentAtThree = stream.sent;

    // 3 → 1: both leave the group on SIGTERM (a graceful shutdown), the first takes their partitions back.
    // (The stream stops short of the held-back tail until the storm is over.)
    await waitFor(() => stream.sent >= Math.min(sentAtThree + 15_000, TOTAL - HELD_BACK), {
      description: '15k more produced while three consume',
      timeoutMs: 30_000,
    });
    const shrunkAt = Date.now();
    for (const joiner of joiners) joiner.kill('SIGTERM');
    await settled([first], 'the first process holding all partitions again');
    const shrunk = Date.now() - shrunkAt;
    const shrunkRebalances = rebalancesOf(first, shrunkAt);
    const sentAtShrink = stream.sent;
    for (const joiner of joiners) expect(await joiner.exited).toBe('SIGTERM');

    stream.release();
    await producing;
    const seen = () => children.flatMap((child) => child.processedIds());
    await waitFor(() => new Set(seen()).size >= TOTAL, {
      description: `all ${TOTAL} ids processed`,
      timeoutMs: 60_000,
    }).catch((error: Error) => {
      throw new Error(`${error.message} (${new Set(seen()).size} seen)\n${first.output()}`);
    });
    first.kill('SIGTERM');
    expect(await first.exited).toBe('SIGTERM');

    const tally = tallyIds(idRange(TOTAL), seen());
    /** The kafkajs crash, or any TypeError kafkajs logged (it retries some quietly before crashing). */
    const typeErrors = children.flatMap((child) =>
      child
        .output()
        .split('\n')
        .filter((line) => line.includes(KAFKAJS_CRASH) || line.includes('TypeError'))
        .map((line) => `${child.name}: ${line.slice(0, 300)}`),
    );
    const crashes = [...new Set(typeErrors.map((line) => line.split(':')[0]))];
    const errors = children.flatMap((child) => child.facts()).filter((fact) => fact.event === 'error');
    const perProcess = children.map((child) => `${child.name} ${child.processedIds().length}`).join(', ');
    reportFault(
      'rebalance storm',
      `lost ${tally.lost.length}, duplicates ${tally.duplicates} of ${TOTAL}; ` +
        `1→3: settled ${seconds(grown)} after spawning the processes, rebalances of the first ${grownRebalances}; ` +
        `3→1: settled ${seconds(shrunk)} after SIGTERM, rebalances ${shrunkRebalances}; ` +
        `produced when growing ${sentAtGrowth}, when shrinking ${sentAtShrink}; processed per process: ${perProcess}; ` +
        `consumer errors ${errors.length}${errors.length ? ` (${errors[0].message})` : ''}; kafkajs crash in: ${crashes.join(', ') || 'none'}`,
    );

    expect(sampleIds(tally.unexpected)).toBe('none');
    expect(sampleIds(tally.lost)).toBe('none');
    expect(typeErrors).toEqual([]);
  });
});
