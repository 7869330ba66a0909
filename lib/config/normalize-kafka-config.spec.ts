import { withSecrets } from './hidden-secrets';
import type { KafkaConfigInput } from './kafka-config.types';
import { SUPPORTED_KAFKA_KEYS } from './kafka-keys.table';
import { normalizeKafkaConfig } from './normalize-kafka-config';

const WHERE = 'forRoot.kafka';
const BROKERS = { 'bootstrap.servers': '127.0.0.1:19092' };

function normalize(input: KafkaConfigInput) {
  return normalizeKafkaConfig(input, WHERE);
}

/** Normalises and fails the test with the problems if there are any. */
function ok(input: KafkaConfigInput) {
  const { config, problems } = normalize(input);
  expect(problems).toEqual([]);
  return config;
}

function messages(input: KafkaConfigInput): string[] {
  const { problems } = normalize(input);
  problems.forEach((p) => expect(p.where).toBe(WHERE));
  return problems.map((p) => p.message);
}

describe('normalizeKafkaConfig: connection', () => {
  it.each([
    ['bootstrap.servers string', { 'bootstrap.servers': 'a:1, b:2' }, ['a:1', 'b:2']],
    ['bootstrap.servers array', { 'bootstrap.servers': ['a:1', 'b:2'] }, ['a:1', 'b:2']],
    ['metadata.broker.list', { 'metadata.broker.list': 'a:1' }, ['a:1']],
    ['kafkajs brokers', { brokers: ['a:1'] }, ['a:1']],
    ['trailing comma', { 'bootstrap.servers': 'a:1,' }, ['a:1']],
    ['duplicates removed, order kept', { brokers: ['b:2', 'a:1', 'b:2'] }, ['b:2', 'a:1']],
    ['IPv6 literal', { brokers: ['[::1]:9092'] }, ['[::1]:9092']],
  ])('reads brokers from %s', (_name, input, brokers) => {
    expect(ok(input).connection.brokers).toEqual(brokers);
  });

  it.each([
    ['no port', 'localhost', "malformed broker 'localhost'"],
    ['port 0', 'a:0', "malformed broker 'a:0'"],
    ['port too high', 'a:65536', "malformed broker 'a:65536'"],
    ['empty host', ':9092', "malformed broker ':9092'"],
    ['url', 'kafka://a:1', "malformed broker 'kafka://a:1'"],
  ])('reports a malformed broker (%s) naming the entry', (_name, broker, text) => {
    const found = messages({ 'bootstrap.servers': `good:1,${broker}` });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("'bootstrap.servers'");
    expect(found[0]).toContain(text);
  });

  it('reports empty, non-list and function broker lists', () => {
    expect(messages({ 'bootstrap.servers': ' , ' })).toEqual([
      "'bootstrap.servers' is empty; give at least one 'host:port'",
    ]);
    expect(messages({ brokers: [] })[0]).toContain("'brokers' is empty");
    expect(messages({ brokers: 42 })[0]).toContain("'brokers' must be a 'host:port,host:port' string");
    expect(messages({ brokers: [1] })[0]).toContain('malformed broker 1');
    expect(messages({ brokers: async () => ['a:1'] })[0]).toContain('give the list itself');
  });

  it('does not require brokers (the caller decides) and defaults client.id', () => {
    const config = ok({});
    expect(config.connection).toEqual({ brokers: [], clientId: 'nestjs-karafka', ssl: false });
    expect(config.consumer).toEqual({});
    expect(config.producer).toEqual({});
  });

  it('reads client.id and clientId', () => {
    expect(ok({ 'client.id': 'shop' }).connection.clientId).toBe('shop');
    expect(ok({ clientId: 'shop' }).connection.clientId).toBe('shop');
    expect(messages({ 'client.id': '' })).toEqual(["'client.id' must be a non-empty string, got ''"]);
  });

  it('reports two aliases with different values, accepts equal ones', () => {
    expect(messages({ 'bootstrap.servers': 'a:1', brokers: ['b:2'] })).toEqual([
      "'bootstrap.servers' and 'brokers' set the same thing with different values; keep one",
    ]);
    expect(ok({ 'bootstrap.servers': 'a:1', brokers: ['a:1'] }).connection.brokers).toEqual(['a:1']);
  });

  it('maps timeouts', () => {
    const connection = ok({
      'socket.connection.setup.timeout.ms': '3000',
      authenticationTimeout: 2000,
      requestTimeout: 25000,
    }).connection;
    expect(connection).toMatchObject({
      connectionTimeout: 3000,
      authenticationTimeout: 2000,
      requestTimeout: 25000,
    });
    expect(ok({ connectionTimeout: 1000 }).connection.connectionTimeout).toBe(1000);
    expect(ok({ 'socket.timeout.ms': 40000 }).connection.requestTimeout).toBe(40000);
  });

  it("maps 'request.timeout.ms' to the producer ack timeout and kafkajs' request timeout, unless that is explicit", () => {
    const config = ok({ 'request.timeout.ms': 45000 });
    expect(config.producer.ackTimeoutMs).toBe(45000);
    expect(config.connection.requestTimeout).toBe(45000);
    const explicit = ok({ 'request.timeout.ms': 45000, requestTimeout: 50000 });
    expect(explicit.producer.ackTimeoutMs).toBe(45000);
    expect(explicit.connection.requestTimeout).toBe(50000);
  });

  it('maps retry keys and the kafkajs retry object; dotted keys override object fields', () => {
    expect(
      ok({ 'retry.backoff.ms': 100, 'retry.backoff.max.ms': '1000', retries: 3 }).connection.retry,
    ).toEqual({
      initialRetryTime: 100,
      maxRetryTime: 1000,
      retries: 3,
    });
    expect(ok({ 'message.send.max.retries': 4 }).connection.retry).toEqual({ retries: 4 });
    expect(
      ok({ 'retry.backoff.ms': 50, retry: { retries: 8, initialRetryTime: 300, factor: 0.2, multiplier: 2 } })
        .connection.retry,
    ).toEqual({
      retries: 8,
      initialRetryTime: 50,
      factor: 0.2,
      multiplier: 2,
    });
  });

  it('validates retry settings', () => {
    expect(messages({ retry: { retries: -1 } })).toEqual([
      "'retry.retries' must be an integer between 0 and 9007199254740991, got -1",
    ]);
    expect(messages({ retry: { retrys: 1 } })).toEqual([
      "unsupported key 'retry.retrys' (did you mean 'retries'?)",
    ]);
    expect(messages({ retry: 5 })).toEqual(["'retry' must be an object"]);
    expect(messages({ 'retry.backoff.ms': 2000, 'retry.backoff.max.ms': 1000 })).toEqual([
      "'retry.backoff.ms' (2000) is above 'retry.backoff.max.ms' (1000)",
    ]);
  });
});

describe('normalizeKafkaConfig: security', () => {
  it.each([
    ['plaintext', false, false],
    ['SSL', true, false],
    ['Sasl_Plaintext', false, true],
    ['sasl_ssl', true, true],
  ])("reads 'security.protocol' %s case-insensitively", (protocol, ssl, sasl) => {
    const saslKeys = sasl ? { 'sasl.mechanism': 'PLAIN', 'sasl.username': 'u', 'sasl.password': 'p' } : {};
    const config = ok({ 'security.protocol': protocol, ...saslKeys });
    expect(config.connection.ssl).toBe(ssl);
    expect(config.connection.sasl !== undefined).toBe(sasl);
  });

  it('rejects an unknown security protocol', () => {
    expect(messages({ 'security.protocol': 'tls' })).toEqual([
      "'security.protocol' must be one of plaintext, ssl, sasl_plaintext, sasl_ssl, got 'tls'",
    ]);
  });

  it.each([
    ['PLAIN', 'plain'],
    ['SCRAM-SHA-256', 'scram-sha-256'],
    ['scram-sha-512', 'scram-sha-512'],
  ])('maps sasl.mechanisms %s with username/password', (mechanism, expected) => {
    const config = ok({
      'security.protocol': 'sasl_ssl',
      'sasl.mechanisms': mechanism,
      'sasl.username': 'alice',
      'sasl.password': 's3cret',
    });
    expect(withSecrets(config.connection.sasl!)).toEqual({
      mechanism: expected,
      username: 'alice',
      password: 's3cret',
    });
  });

  it('accepts the kafkajs sasl object alone (kafkajs enables SASL when it is present)', () => {
    const config = ok({ ssl: true, sasl: { mechanism: 'SCRAM-SHA-256', username: 'u', password: 'p' } });
    expect(withSecrets(config.connection.sasl!)).toEqual({
      mechanism: 'scram-sha-256',
      username: 'u',
      password: 'p',
    });
    expect(config.connection.ssl).toBe(true);
  });

  it('lets dotted sasl keys override fields of the sasl object', () => {
    const config = ok({
      sasl: { mechanism: 'plain', username: 'u', password: 'old' },
      'sasl.password': 'new',
    });
    expect(withSecrets(config.connection.sasl!)).toEqual({
      mechanism: 'plain',
      username: 'u',
      password: 'new',
    });
  });

  it('reports missing credentials, GSSAPI and OAUTHBEARER without a provider', () => {
    expect(
      messages({ 'security.protocol': 'sasl_ssl', 'sasl.mechanism': 'PLAIN', 'sasl.username': 'u' }),
    ).toEqual(["SASL PLAIN needs 'sasl.password'"]);
    expect(messages({ 'security.protocol': 'sasl_ssl', 'sasl.mechanism': 'GSSAPI' })).toEqual([
      "'sasl.mechanism' GSSAPI (Kerberos) is not supported by kafkajs; use PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER",
      expect.stringContaining("'security.protocol' is 'sasl_ssl' but no 'sasl.mechanism' is set"),
    ]);
    expect(messages({ 'security.protocol': 'sasl_ssl', 'sasl.mechanism': 'OAUTHBEARER' })[0]).toContain(
      'oauthBearerProvider',
    );
    expect(messages({ 'security.protocol': 'sasl_ssl', 'sasl.username': 'u', 'sasl.password': 'p' })).toEqual(
      [expect.stringContaining('SASL settings given without a mechanism')],
    );
  });

  it('accepts OAUTHBEARER with a provider and AWS with its credentials', () => {
    const oauthBearerProvider = async () => ({ value: 'token' });
    expect(
      ok({ 'security.protocol': 'sasl_ssl', sasl: { mechanism: 'oauthbearer', oauthBearerProvider } })
        .connection.sasl,
    ).toEqual({
      mechanism: 'oauthbearer',
      oauthBearerProvider,
    });
    const aws = { mechanism: 'aws', authorizationIdentity: 'id', accessKeyId: 'k', secretAccessKey: 's' };
    expect(withSecrets(ok({ ssl: true, sasl: aws }).connection.sasl!)).toEqual(aws);
    expect(messages({ sasl: { mechanism: 'aws', accessKeyId: 'k' } })).toEqual([
      'SASL AWS needs sasl.authorizationIdentity, sasl.secretAccessKey',
    ]);
    expect(messages({ 'sasl.mechanism': 'aws', 'security.protocol': 'sasl_ssl' })[0]).toContain(
      "'sasl.mechanism' must be one of plain",
    );
  });

  it('reports contradictions between security.protocol, ssl and sasl', () => {
    expect(messages({ 'security.protocol': 'plaintext', ssl: true })).toEqual([
      "'security.protocol' is 'plaintext' but 'ssl' is true; they contradict each other",
    ]);
    expect(messages({ 'security.protocol': 'ssl', ssl: false })[0]).toContain('contradict');
    expect(messages({ 'security.protocol': 'sasl_plaintext' })[0]).toContain(
      'GSSAPI, is not supported by kafkajs',
    );
    expect(
      messages({ 'security.protocol': 'ssl', sasl: { mechanism: 'plain', username: 'u', password: 'p' } }),
    ).toEqual([
      "'sasl' given but SASL is not enabled; set 'security.protocol' to 'sasl_ssl' or 'sasl_plaintext'",
    ]);
    expect(messages({ 'sasl.mechanism': 'PLAIN', 'sasl.username': 'u', 'sasl.password': 'p' })).toEqual([
      "'sasl.mechanism', 'sasl.username', 'sasl.password' given but SASL is not enabled; set 'security.protocol' to 'sasl_ssl' or 'sasl_plaintext'",
    ]);
  });

  it('keeps TLS file paths for the driver to load, without reading them', () => {
    const config = ok({
      'security.protocol': 'ssl',
      'ssl.ca.location': '/etc/kafka/ca.pem',
      'ssl.certificate.location': '/etc/kafka/client.pem',
      'ssl.key.location': '/etc/kafka/client.key',
      'ssl.key.password': 'pass',
    });
    expect(config.connection.tlsFiles).toEqual({
      ca: '/etc/kafka/ca.pem',
      cert: '/etc/kafka/client.pem',
      key: '/etc/kafka/client.key',
    });
    expect(withSecrets(config.connection.ssl as object)).toEqual({ passphrase: 'pass' });
    // Hidden from logs and JSON, still there for the driver.
    expect(JSON.stringify(config.connection)).not.toContain('pass"');
  });

  it("treats 'ssl.ca.location': 'probe' as the system CAs (Node's default)", () => {
    const config = ok({ 'security.protocol': 'ssl', 'ssl.ca.location': 'probe' });
    expect(config.connection.ssl).toBe(true);
    expect(config.connection.tlsFiles).toBeUndefined();
  });

  it('maps inline PEM, verification and hostname checking onto TLS options', () => {
    const config = ok({
      'security.protocol': 'SSL',
      'ssl.ca.pem': 'CA',
      'ssl.certificate.pem': 'CERT',
      'ssl.key.pem': 'KEY',
      'enable.ssl.certificate.verification': 'false',
      'ssl.endpoint.identification.algorithm': 'none',
    });
    const tls = withSecrets(config.connection.ssl as Record<string, unknown>);
    expect(tls).toMatchObject({ ca: 'CA', cert: 'CERT', key: 'KEY', rejectUnauthorized: false });
    expect(typeof tls.checkServerIdentity).toBe('function');
    expect(
      ok({ 'security.protocol': 'ssl', 'ssl.endpoint.identification.algorithm': 'https' }).connection.ssl,
    ).toBe(true);
  });

  it('merges the kafkajs ssl object with dotted TLS keys', () => {
    const config = ok({ ssl: { servername: 'kafka.local', ca: 'OLD' }, 'ssl.ca.pem': 'NEW' });
    expect(config.connection.ssl).toEqual({ servername: 'kafka.local', ca: 'NEW' });
  });

  it('reports TLS material when TLS is off, and a file and a PEM for the same thing', () => {
    expect(messages({ 'ssl.ca.location': '/ca.pem' })).toEqual([
      "'ssl.ca.location' given but TLS is not enabled; set 'security.protocol' to 'ssl' or 'sasl_ssl'",
    ]);
    expect(
      messages({ 'security.protocol': 'ssl', 'ssl.ca.location': '/ca.pem', 'ssl.ca.pem': 'CA' }),
    ).toEqual(["'ssl.ca.location' and 'ssl.ca.pem' set the same thing with different values; keep one"]);
    expect(messages({ ssl: 'yes' })).toEqual(["'ssl' must be true or false (or 'true'/'false'), got 'yes'"]);
  });
});

describe('normalizeKafkaConfig: consumer', () => {
  it('maps every librdkafka consumer key', () => {
    const consumer = ok({
      'group.id': 'shop',
      'session.timeout.ms': '30000',
      'heartbeat.interval.ms': 3000,
      'max.poll.interval.ms': 300000,
      'fetch.max.bytes': 52428800,
      'max.partition.fetch.bytes': 1048576,
      'fetch.min.bytes': 1,
      'fetch.wait.max.ms': 500,
      'allow.auto.create.topics': 'false',
      'isolation.level': 'read_uncommitted',
      'client.rack': 'eu-1a',
      'metadata.max.age.ms': 60000,
      'auto.offset.reset': 'latest',
      'enable.auto.commit': false,
      'max.in.flight.requests.per.connection': 5,
    }).consumer;
    expect(consumer).toEqual({
      groupId: 'shop',
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      rebalanceTimeout: 300000,
      maxBytes: 52428800,
      maxBytesPerPartition: 1048576,
      minBytes: 1,
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
      readUncommitted: true,
      rackId: 'eu-1a',
      metadataMaxAge: 60000,
      autoOffsetReset: 'latest',
      maxInFlightRequests: 5,
    });
  });

  it('maps the kafkajs camelCase equivalents to the same settings', () => {
    const librdkafka = ok({
      'group.id': 'g',
      'session.timeout.ms': 30000,
      'heartbeat.interval.ms': 3000,
      'max.poll.interval.ms': 60000,
      'fetch.max.bytes': 1000,
      'fetch.message.max.bytes': 100,
      'fetch.min.bytes': 2,
      'fetch.wait.max.ms': 100,
      'allow.auto.create.topics': true,
      'isolation.level': 'read_committed',
      'client.rack': 'r',
      'metadata.max.age.ms': 1000,
      'max.in.flight': 1,
    });
    const kafkajs = ok({
      groupId: 'g',
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      rebalanceTimeout: 60000,
      maxBytes: 1000,
      maxBytesPerPartition: 100,
      minBytes: 2,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: true,
      readUncommitted: false,
      rackId: 'r',
      metadataMaxAge: 1000,
      maxInFlightRequests: 1,
    });
    expect(kafkajs).toEqual(librdkafka);
  });

  it.each([
    ['earliest', 'earliest'],
    ['smallest', 'earliest'],
    ['beginning', 'earliest'],
    ['LATEST', 'latest'],
    ['largest', 'latest'],
    ['end', 'latest'],
  ])("maps 'auto.offset.reset' %s to %s", (value, expected) => {
    expect(ok({ 'auto.offset.reset': value }).consumer.autoOffsetReset).toBe(expected);
  });

  it("rejects 'enable.auto.commit' true, explaining why", () => {
    expect(messages({ 'enable.auto.commit': 'true' })).toEqual([
      "'enable.auto.commit' cannot be true: nestjs-karafka commits offsets only after consume() returns (at-least-once), which periodic auto-commit would defeat",
    ]);
    expect(messages({ autoCommit: true })[0]).toContain("'autoCommit' cannot be true");
  });

  it('reports a heartbeat interval not below the session timeout', () => {
    expect(messages({ 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 6000 })).toEqual([
      "'heartbeat.interval.ms' (6000) must be lower than 'session.timeout.ms' (6000)",
    ]);
  });

  it.each([
    [
      { 'session.timeout.ms': 'soon' },
      "'session.timeout.ms' must be an integer between 1 and 3600000, got 'soon'",
    ],
    [{ 'fetch.wait.max.ms': -1 }, "'fetch.wait.max.ms' must be an integer between 0 and 300000, got -1"],
    [{ 'fetch.min.bytes': 1.5 }, "'fetch.min.bytes' must be an integer between 1 and 100000000, got 1.5"],
    [
      { 'max.poll.interval.ms': true },
      "'max.poll.interval.ms' must be an integer between 1 and 86400000, got true",
    ],
    [
      { 'isolation.level': 'serializable' },
      "'isolation.level' must be one of read_committed, read_uncommitted, got 'serializable'",
    ],
    [
      { 'auto.offset.reset': 'middle' },
      "'auto.offset.reset' must be one of earliest, smallest, beginning, latest, largest, end, got 'middle'",
    ],
    [
      { 'allow.auto.create.topics': 'yes' },
      "'allow.auto.create.topics' must be true or false (or 'true'/'false'), got 'yes'",
    ],
    [{ 'group.id': 42 }, "'group.id' must be a non-empty string, got 42"],
    [{ 'group.id': null }, "'group.id' is null; remove the key or give it a value"],
  ])('reports bad value %j', (input, message) => {
    expect(messages(input)).toEqual([message]);
  });
});

describe('normalizeKafkaConfig: producer', () => {
  it.each([
    ['all', -1],
    [-1, -1],
    ['-1', -1],
    [0, 0],
    ['1', 1],
    [1, 1],
  ])("maps 'request.required.acks' %j to %j", (value, acks) => {
    expect(ok({ 'request.required.acks': value }).producer.acks).toBe(acks);
    expect(ok({ acks: value }).producer.acks).toBe(acks);
  });

  it('rejects other acks values', () => {
    expect(messages({ acks: 2 })).toEqual(["'acks' must be one of all, -1, 0, 1, got 2"]);
  });

  it('maps every librdkafka producer key', () => {
    expect(
      ok({
        'request.required.acks': 'all',
        'enable.idempotence': 'true',
        'compression.codec': 'gzip',
        'linger.ms': '5.5',
        'batch.num.messages': 500,
        'transactional.id': 'tx-1',
        'transaction.timeout.ms': 60000,
        'max.in.flight.requests.per.connection': 5,
        'message.timeout.ms': 30000,
        'request.timeout.ms': 20000,
        'allow.auto.create.topics': false,
        'metadata.max.age.ms': 1000,
      }).producer,
    ).toEqual({
      acks: -1,
      idempotent: true,
      compression: 'gzip',
      lingerMs: 5.5,
      batchNumMessages: 500,
      transactionalId: 'tx-1',
      transactionTimeout: 60000,
      maxInFlightRequests: 5,
      deliveryTimeoutMs: 30000,
      ackTimeoutMs: 20000,
      allowAutoTopicCreation: false,
      metadataMaxAge: 1000,
    });
  });

  it('maps aliases and kafkajs names to the same settings', () => {
    const librdkafka = ok({
      'compression.type': 'none',
      'queue.buffering.max.ms': 2,
      'delivery.timeout.ms': 9000,
      'max.in.flight': 1,
    });
    expect(librdkafka.producer).toEqual({
      compression: 'none',
      lingerMs: 2,
      deliveryTimeoutMs: 9000,
      maxInFlightRequests: 1,
    });
    const kafkajs = ok({
      idempotent: true,
      transactionalId: 't',
      transactionTimeout: 5000,
      maxInFlightRequests: 1,
      compression: 1,
    });
    expect(kafkajs.producer).toEqual({
      idempotent: true,
      acks: -1,
      transactionalId: 't',
      transactionTimeout: 5000,
      maxInFlightRequests: 1,
      compression: 'gzip',
    });
  });

  it.each(['snappy', 'lz4', 'zstd'])(
    'rejects %s compression, explaining kafkajs ships only gzip',
    (codec) => {
      expect(messages({ 'compression.codec': codec })).toEqual([
        `'compression.codec' ${codec} is not available: kafkajs ships only gzip (snappy, lz4 and zstd need third-party codecs nestjs-karafka does not register); use 'gzip' or 'none'`,
      ]);
    },
  );

  it('applies librdkafka idempotence rules', () => {
    expect(ok({ 'enable.idempotence': true }).producer.acks).toBe(-1);
    expect(messages({ 'enable.idempotence': true, 'request.required.acks': 1 })).toEqual([
      "idempotence (also implied by 'transactional.id') needs acks = all (-1), but acks is 1",
    ]);
    expect(messages({ 'enable.idempotence': true, retries: 0 })).toEqual([
      'idempotence needs retries >= 1 to survive transient errors',
    ]);
    expect(messages({ 'enable.idempotence': true, 'max.in.flight': 6 })).toEqual([
      'idempotence allows at most 5 in-flight requests per connection, got 6',
    ]);
    expect(ok({ 'enable.idempotence': false, acks: 1 }).producer).toEqual({ idempotent: false, acks: 1 });
  });

  it("makes 'transactional.id' imply idempotence, and rejects it with idempotence off or acks 0", () => {
    expect(ok({ 'transactional.id': 'tx' }).producer).toEqual({
      transactionalId: 'tx',
      idempotent: true,
      acks: -1,
    });
    expect(messages({ 'transactional.id': 'tx', 'enable.idempotence': false })).toEqual([
      "'transactional.id' requires idempotence, but 'enable.idempotence' is false",
    ]);
    expect(messages({ 'transactional.id': 'tx', acks: 0 })[0]).toContain(
      'needs acks = all (-1), but acks is 0',
    );
  });

  it('checks delivery timeout against linger and transaction timeout', () => {
    expect(messages({ 'message.timeout.ms': 5, 'linger.ms': 5 })).toEqual([
      "'message.timeout.ms' (5) must be greater than 'linger.ms' (5)",
    ]);
    expect(messages({ 'message.timeout.ms': 70000, 'transaction.timeout.ms': 60000 })).toEqual([
      "'message.timeout.ms' (70000) must not exceed 'transaction.timeout.ms' (60000)",
    ]);
    expect(messages({ 'message.timeout.ms': 0 })[0]).toContain('between 1 and');
  });
});

describe('normalizeKafkaConfig: unknown and unsupported keys', () => {
  it.each([
    ['bootstrap.server', 'bootstrap.servers'],
    ['bootstrapServers', 'bootstrap.servers'],
    ['client_id', 'client.id'],
    ['sesion.timeout.ms', 'session.timeout.ms'],
    ['groupid', 'group.id'],
    ['linger_ms', 'linger.ms'],
  ])('reports %s with a did-you-mean %s', (key, near) => {
    expect(messages({ [key]: 'x' })).toEqual([`unsupported key '${key}' (did you mean '${near}'?)`]);
  });

  it('reports a far-off key without a suggestion', () => {
    expect(messages({ 'totally.unrelated.thing': 1 })).toEqual(["unsupported key 'totally.unrelated.thing'"]);
  });

  it.each([
    ['statistics.interval.ms', 'statistics.emitted'],
    ['partition.assignment.strategy', 'round-robin'],
    ['group.instance.id', 'static group membership'],
    ['auto.commit.interval.ms', 'after each consumed batch'],
    ['sasl.kerberos.service.name', 'GSSAPI'],
    ['sasl.oauthbearer.client.id', 'oauthBearerProvider'],
    ['ssl.keystore.location', 'PKCS#12'],
    ['batch.size', 'batch.num.messages'],
    ['logCreator', 'forRoot'],
  ])('explains why %s cannot be honoured', (key, why) => {
    const found = messages({ [key]: 'x' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^unsupported key '${key.replace(/\./g, '\\.')}': `));
    expect(found[0]).toContain(why);
  });

  it('accepts harmless Karafka defaults only with the value that changes nothing', () => {
    expect(
      ok({ 'enable.auto.offset.store': 'false', 'enable.partition.eof': false, 'api.version.request': true }),
    ).toEqual(ok({}));
    expect(messages({ 'enable.auto.offset.store': true })).toEqual([
      "'enable.auto.offset.store' can only be false here: nestjs-karafka stores offsets itself once consume() returns, as Karafka does",
    ]);
  });

  it('treats undefined as not set, and reports every problem at once', () => {
    expect(ok({ 'client.id': undefined, ...BROKERS }).connection.clientId).toBe('nestjs-karafka');
    expect(
      messages({ 'bootstrap.server': 'a:1', 'session.timeout.ms': 'x', 'compression.codec': 'lz4' }),
    ).toHaveLength(3);
  });

  it('reports a non-object input', () => {
    expect(normalizeKafkaConfig('a:1' as unknown as KafkaConfigInput, WHERE).problems).toEqual([
      { where: WHERE, message: "'forRoot.kafka' must be an object" },
    ]);
  });

  it('lists every supported key once', () => {
    expect(new Set(SUPPORTED_KAFKA_KEYS).size).toBe(SUPPORTED_KAFKA_KEYS.length);
    expect(SUPPORTED_KAFKA_KEYS).toEqual(
      expect.arrayContaining(['bootstrap.servers', 'brokers', 'sasl.password', 'linger.ms']),
    );
  });
});
