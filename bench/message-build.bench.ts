/**
 * The library's own per-message cost on the consume path, without a broker: `buildKafkaMessage` over fetched
 * 1 KiB JSON values, eager (the default) and with `lazyPayload`, where the handler reads every payload or none.
 * Rounds alternate the cases so the machine's noise falls on each alike; ratios are against the eager case of
 * the same round. Not a test: nothing here asserts.
 *
 *   npx ts-node --transpile-only bench/message-build.bench.ts [--rounds 7] [--messages 200000] [--value-bytes 1024]
 */
import type { DriverFetchedMessage } from '../lib/driver/kafka-driver.port';
import { buildKafkaMessage, type MessageSource } from '../lib/message/kafka-message.builder';
import { compilePayloadDecoder } from '../lib/message/payload-decoder';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const rounds = option('rounds', 7);
const count = option('messages', 200_000);
const valueBytes = option('value-bytes', 1024);

/** An order shaped like the consume bench's, padded to about `valueBytes` of JSON. */
function fetchedMessages(): DriverFetchedMessage[] {
  const base = JSON.stringify({ id: 0, customer: 'c-0', amount: 0, pad: '' }).length;
  const pad = 'x'.repeat(Math.max(0, valueBytes - base));
  return Array.from({ length: count }, (_, id) => ({
    key: Buffer.from(`k${id}`),
    value: Buffer.from(JSON.stringify({ id, customer: `c-${id % 100}`, amount: id % 997, pad })),
    headers: {},
    offset: String(id),
    timestamp: '1700000000000',
  }));
}

const source: MessageSource = {
  topic: 'orders',
  partition: 0,
  cluster: 'primary',
  decode: compilePayloadDecoder('json', 'orders'),
};

interface Case {
  name: string;
  lazyPayload: boolean;
  reads: boolean;
}
const CASES: Case[] = [
  { name: 'eager, every payload read', lazyPayload: false, reads: true },
  { name: 'lazyPayload, every payload read', lazyPayload: true, reads: true },
  { name: 'lazyPayload, no payload read', lazyPayload: true, reads: false },
];

/** CPU µs per message of building (and reading, when the case does) every message once. */
function run(messages: DriverFetchedMessage[], { lazyPayload, reads }: Case): number {
  const caseSource = { ...source, lazyPayload };
  let sum = 0;
  const started = process.cpuUsage();
  for (const fetched of messages) {
    const message = buildKafkaMessage(caseSource, fetched);
    // What the consume bench's handler does with each message: record the order's id.
    sum += reads ? (message.payload as { id: number }).id : message.partition;
  }
  const used = process.cpuUsage(started);
  if (sum < 0) throw new Error('unreachable: keeps the loop from being optimised away');
  return (used.user + used.system) / messages.length;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const messages = fetchedMessages();
const perCase = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
const ratios = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
run(messages, CASES[0]); // warm-up
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? CASES : [...CASES].reverse();
  const results = new Map(order.map((c) => [c.name, run(messages, c)] as const));
  const eager = results.get(CASES[0].name) as number;
  for (const [name, micros] of results) {
    perCase.get(name)?.push(micros);
    ratios.get(name)?.push(micros / eager);
  }
}
console.log(
  `[bench:message-build] ${count} messages × ~${valueBytes} B JSON, ${rounds} rounds (median CPU µs/msg, median ratio to eager in the same round)`,
);
for (const { name } of CASES) {
  const micros = median(perCase.get(name) as number[]).toFixed(2);
  const ratio = median(ratios.get(name) as number[]).toFixed(2);
  console.log(`  ${name.padEnd(34)} ${micros.padStart(6)} µs/msg   ×${ratio}`);
}
