// The real timers, whatever jest's fake timers did to the globals: the wait must go on while the app's clock stands.
import { clearTimeout, setImmediate, setTimeout } from 'node:timers';
import type { InMemoryCluster } from '../driver/in-memory/in-memory-cluster';
import type { InMemoryConsumer } from '../driver/in-memory/in-memory-consumer';
import type { KafkaProducer } from '../producer/kafka-producer';
import type { ConsumeAllOptions, ConsumeAllResult, WaitingPartition } from './karafka-testing.interface';
import { TESTING_MESSAGES as M } from './testing.messages';

/** What `settleConsumption` watches: the in-memory consumers and the app's producers. */
export interface ConsumptionScene {
  consumers(): InMemoryConsumer[];
  producers(): KafkaProducer[];
  clusterName(cluster: InMemoryCluster): string;
}

const DEFAULT_TIMEOUT_MS = 4000;
const DEFAULT_MAX_TIMER_ROUNDS = 100;

/**
 * Lets the app consume what its fetch rule allows until nothing more happens without time passing: every
 * consumer waits with nothing to fetch and every producer has delivered. Partitions paused with messages left
 * (retry backoff, `ctx.pause`) wait for their timers; with `advanceTimers` those are advanced and consumption
 * goes on.
 */
export async function settleConsumption(
  scene: ConsumptionScene,
  options: ConsumeAllOptions = {},
): Promise<ConsumeAllResult> {
  const maxRounds = options.maxTimerRounds ?? DEFAULT_MAX_TIMER_ROUNDS;
  for (let round = 0; ; round++) {
    await untilIdle(scene, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const waiting = waitingPartitions(scene);
    if (waiting.length === 0 || !options.advanceTimers) return { waiting };
    if (round === maxRounds) {
      throw new Error(
        M.stillWaiting(
          maxRounds,
          waiting.map((w) => `${w.topic}/${w.partition}@${w.cluster}`),
        ),
      );
    }
    await options.advanceTimers();
  }
}

/**
 * Idle twice in a row, one event-loop turn apart, so work the app started on the way (a send, a handler's next
 * step) is seen. Flushing sends what producers hold at once, linger or not, as a flush does in production.
 */
async function untilIdle(scene: ConsumptionScene, timeoutMs: number): Promise<void> {
  let timedOut = false;
  const timer = setTimeout(() => (timedOut = true), timeoutMs);
  try {
    for (let quiet = 0; quiet < 2;) {
      const flushed = await flushedWithinTurn(scene.producers());
      const busy = scene.consumers().filter((consumer) => !consumer.isIdle);
      quiet = flushed && busy.length === 0 ? quiet + 1 : 0;
      if (quiet === 2) return;
      if (timedOut) {
        const what = busy.map((c) => M.consuming(c.groupId, c.handlingPartitions()));
        throw new Error(M.busy(timeoutMs, flushed ? what : [...what, M.producing()]));
      }
      await nextTurn();
    }
  } finally {
    clearTimeout(timer);
  }
}

function flushedWithinTurn(producers: KafkaProducer[]): Promise<boolean> {
  const flushed = Promise.all(producers.map((producer) => producer.flush())).then(() => true);
  return Promise.race([flushed, nextTurn().then(() => false)]);
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function waitingPartitions(scene: ConsumptionScene): WaitingPartition[] {
  return scene
    .consumers()
    .filter((consumer) => consumer.isRunning)
    .flatMap((consumer) =>
      consumer
        .pausedWithMessages()
        .map((paused) => ({ cluster: scene.clusterName(consumer.cluster), ...paused })),
    );
}
