import { Kafka, logLevel } from 'kafkajs';
import type { DriverLogEntry } from '../../../lib/driver/kafka-driver.port';
import { KafkajsDriver, loadTlsFiles, toKafkajsConfig } from '../../../lib/driver/kafkajs/kafkajs-driver';
import { ownCluster } from '../../../lib/driver/kafkajs/stale-member';

describe('kafkajs driver config mapping', () => {
  it('loads ssl.*.location files into TLS options, keeping inline options', () => {
    const read = (path: string) => Buffer.from(`contents of ${path}`);
    const ssl = loadTlsFiles({ rejectUnauthorized: false }, { ca: '/ca.pem', key: '/key.pem' }, read);
    expect(ssl).toEqual({
      rejectUnauthorized: false,
      ca: Buffer.from('contents of /ca.pem'),
      key: Buffer.from('contents of /key.pem'),
    });
  });

  it('names the librdkafka key when a TLS file cannot be read', () => {
    const read = () => {
      throw new Error('ENOENT');
    };
    expect(() => loadTlsFiles(true, { cert: '/missing.pem' }, read)).toThrow(
      "Cannot read 'ssl.certificate.location' file /missing.pem: ENOENT",
    );
  });

  it('passes connection settings through to kafkajs unchanged when there are no files', () => {
    const config = toKafkajsConfig({
      brokers: ['a:1', 'b:2'],
      clientId: 'shop',
      ssl: false,
      sasl: { mechanism: 'plain', username: 'u', password: 'p' },
      requestTimeout: 5000,
    });
    expect(config).toMatchObject({
      brokers: ['a:1', 'b:2'],
      clientId: 'shop',
      ssl: false,
      sasl: { mechanism: 'plain', username: 'u', password: 'p' },
      requestTimeout: 5000,
    });
  });

  it('uses a kafkajs logCreator when given (the deprecated forRoot({ logCreator })), else forwards to the library', () => {
    const connection = { brokers: ['127.0.0.1:1'], clientId: 'shop', ssl: false };
    const entries: DriverLogEntry[] = [];
    const logCreator = jest.fn(() => () => undefined);
    new KafkajsDriver({ logCreator }).createClient(connection, (entry) => entries.push(entry));
    expect(logCreator).toHaveBeenCalled();

    const forwarded: DriverLogEntry[] = [];
    new KafkajsDriver().createClient(connection, (entry) => forwarded.push(entry));
    expect(logCreator).toHaveBeenCalledTimes(1);
    expect(entries).toEqual([]);
  });
});

/**
 * kafkajs' committed-offsets table is per client and group id. A group join builds an OffsetManager, which clears
 * the table but for its own topics: a second consumer of the same group on the same client loses its entries and
 * crashes at its next commit. The driver gives every consumer a client of its own.
 */
describe('kafkajs driver: consumers of one group do not share committed offsets', () => {
  // kafkajs' own bookkeeping of a group generation (src/consumer/offsetManager, not in its public API).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const OffsetManager = require('kafkajs/src/consumer/offsetManager') as new (options: object) => {
    resolveOffset(offset: { topic: string; partition: number; offset: string }): void;
    uncommittedOffsets(): { topics: Array<{ topic: string; partitions: unknown[] }> };
  };

  /** What kafkajs does when a consumer of `kafka` has joined `groupId` and got partition 0 of `topic`. */
  function joined(kafka: Kafka, groupId: string, topic: string) {
    return new OffsetManager({
      cluster: ownCluster(kafka, groupId),
      memberAssignment: { [topic]: [0] },
      topicConfigurations: {},
      instrumentationEmitter: { emit: () => undefined },
      autoCommit: true,
      autoCommitThreshold: 1,
      groupId,
      generationId: 1,
      memberId: `${topic}-member`,
    });
  }

  const quiet = { brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING };

  it('kafkajs itself: a second consumer joining on the same client breaks the first one', () => {
    const kafka = new Kafka(quiet);
    const orders = joined(kafka, 'shop', 'orders');
    orders.resolveOffset({ topic: 'orders', partition: 0, offset: '4' });
    joined(kafka, 'shop', 'payments');
    expect(() => orders.uncommittedOffsets()).toThrow("Cannot read properties of undefined (reading '0')");
  });

  it("the driver's consumers of one group each keep their own offsets", () => {
    const client = new KafkajsDriver().createClient(
      { brokers: ['127.0.0.1:1'], clientId: 'shop', ssl: false },
      () => {},
    );
    const kafkaOf = (consumer: unknown) => (consumer as { kafka: Kafka }).kafka;
    const first = kafkaOf(client.consumer({ groupId: 'shop' }));
    const second = kafkaOf(client.consumer({ groupId: 'shop' }));
    const orders = joined(first, 'shop', 'orders');
    orders.resolveOffset({ topic: 'orders', partition: 0, offset: '4' });
    joined(second, 'shop', 'payments');
    expect(orders.uncommittedOffsets()).toEqual({
      // kafkajs lists partitions by their keys in its table, as strings.
      topics: [{ topic: 'orders', partitions: [{ partition: '0', offset: '5' }] }],
    });
  });
});
