import { clustersToStart, requestedClusters } from './kafka-global-setup';

describe('the jest global setup: which clusters', () => {
  it('takes the option, else NESTJS_KARAFKA_CLUSTERS, else primary', () => {
    expect(requestedClusters(['eu', 'us'], { NESTJS_KARAFKA_CLUSTERS: 'primary' })).toEqual(['eu', 'us']);
    expect(requestedClusters(undefined, { NESTJS_KARAFKA_CLUSTERS: 'primary, secondary' })).toEqual([
      'primary',
      'secondary',
    ]);
    expect(requestedClusters(undefined, {})).toEqual(['primary']);
  });

  it('names a bad cluster name and where it came from', () => {
    expect(() => requestedClusters(undefined, { NESTJS_KARAFKA_CLUSTERS: 'primary,EU' })).toThrow(
      "NESTJS_KARAFKA_CLUSTERS: 'EU' is not a cluster name",
    );
    expect(() => requestedClusters([], {})).toThrow('kafkaGlobalSetup({ clusters }): no cluster named');
  });

  it('starts only the clusters whose KAFKA_<NAME>_BROKERS points nowhere yet', () => {
    const env = { KAFKA_PRIMARY_BROKERS: 'kafka:9092', KAFKA_EU_WEST_BROKERS: ' ' };
    expect(clustersToStart(['primary', 'secondary', 'eu-west'], env)).toEqual(['secondary', 'eu-west']);
  });
});
