import { KarafkaConfigurationError } from '../../config/karafka-configuration.error';
import { readWebReportingOptions } from './read-web-reporting-options';

const PRODUCERS = ['default', 'dr'];

function problemsOf(input: unknown): string[] {
  try {
    readWebReportingOptions(input as never, PRODUCERS);
  } catch (error) {
    if (error instanceof KarafkaConfigurationError)
      return error.problems.map((p) => `${p.where}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('readWebReportingOptions', () => {
  it("applies Karafka Web's defaults: the default producer, 5 s reports, 30 s TTL, its topic names", () => {
    expect(readWebReportingOptions(undefined, PRODUCERS)).toEqual({
      producer: 'default',
      processing: false,
      trackingInterval: 5000,
      processTtlMs: 30000,
      consumerGroup: 'karafka_web',
      topics: {
        reports: 'karafka_consumers_reports',
        states: 'karafka_consumers_states',
        metrics: 'karafka_consumers_metrics',
        errors: 'karafka_errors',
      },
      autoMigrate: false,
    });
  });

  it('keeps what is given, and leaves keys of the module (path, auth) alone', () => {
    const resolved = readWebReportingOptions(
      {
        producer: 'dr',
        processing: true,
        trackingInterval: 1000,
        processTtlMs: 4000,
        topics: { reports: 'r', errors: 'e' },
        path: '/karafka',
      } as never,
      PRODUCERS,
    );
    expect(resolved).toMatchObject({
      producer: 'dr',
      processing: true,
      trackingInterval: 1000,
      processTtlMs: 4000,
    });
    expect(resolved.topics).toEqual({
      reports: 'r',
      states: 'karafka_consumers_states',
      metrics: 'karafka_consumers_metrics',
      errors: 'e',
    });
  });

  it('names an unknown Web producer and the known ones', () => {
    expect(problemsOf({ producer: 'd' })).toEqual([
      "KarafkaWebModule.forRoot.producer: no producer is named 'd' (known producers: 'default', 'dr'; did you mean 'dr'?); " +
        "the Web producer must be 'default' or a key of KarafkaModule.forRoot({ producers })",
    ]);
  });

  it('names every bad option at once', () => {
    expect(
      problemsOf({
        producer: '',
        processing: 'yes',
        trackingInterval: 5.5,
        processTtlMs: 50,
        consumerGroup: 7,
        autoMigrate: 1,
        topics: { reprots: 'x', states: 'bad name', metrics: 'karafka_errors' },
      }),
    ).toEqual([
      "KarafkaWebModule.forRoot.producer: producer must be a non-empty string, got ''",
      'KarafkaWebModule.forRoot.trackingInterval: trackingInterval must be an integer between 100 and 3600000 (ms), got 5.5',
      'KarafkaWebModule.forRoot.processTtlMs: processTtlMs must be an integer between 200 and 3600000 (ms), got 50',
      "KarafkaWebModule.forRoot.processing: processing must be true or false, got 'yes'",
      'KarafkaWebModule.forRoot.consumerGroup: consumerGroup must be a non-empty string, got 7',
      "KarafkaWebModule.forRoot.topics.reprots: unknown option 'topics.reprots'; did you mean 'reports'?",
      "KarafkaWebModule.forRoot.topics.states: topics.states 'bad name' is not a valid Kafka topic name (1-249 characters of letters, digits, '.', '_', '-')",
      "KarafkaWebModule.forRoot.topics: topics.metrics and topics.errors are both 'karafka_errors'; each reporting topic needs a name of its own",
      'KarafkaWebModule.forRoot.autoMigrate: autoMigrate must be true or false, got 1',
    ]);
  });

  it('refuses a TTL that a process reporting on time would outlive', () => {
    expect(problemsOf({ trackingInterval: 5000, processTtlMs: 5000 })).toEqual([
      'KarafkaWebModule.forRoot.processTtlMs: processTtlMs (5000) must be longer than trackingInterval (5000), or every process would flap between up and gone',
    ]);
  });

  it('refuses options that are not an object', () => {
    expect(problemsOf('primary')).toEqual([
      "KarafkaWebModule.forRoot: options must be an object, got 'primary'",
    ]);
  });
});
