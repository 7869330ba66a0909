import type { DriverLogEntry } from '../../../lib/driver/kafka-driver.port';
import { KafkajsDriver, loadTlsFiles, toKafkajsConfig } from '../../../lib/driver/kafkajs/kafkajs-driver';

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
