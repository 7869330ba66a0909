import { testCluster } from '../../../test/unit/producer/fake-driver-producer';
import { reportingClusterInfo } from './reporting-cluster';

describe('reportingClusterInfo', () => {
  it('says the default producer makes the primary cluster the reporting one', () => {
    const primary = testCluster('primary', { 'bootstrap.servers': '127.0.0.1:19092' });
    expect(reportingClusterInfo('default', primary)).toEqual({
      name: 'primary',
      brokers: ['127.0.0.1:19092'],
      producer: 'default',
      reason:
        "The Web producer is the default producer, which writes to cluster 'primary': reporting and processing take place there unless KarafkaWebModule.forRoot({ producer }) redefines the Web producer.",
    });
  });

  it('says which producer moved the reporting, and shows no SASL credentials', () => {
    const secondary = testCluster('secondary', {
      'bootstrap.servers': 'kafka-2:29092',
      'security.protocol': 'sasl_plaintext',
      'sasl.mechanism': 'SCRAM-SHA-512',
      'sasl.username': 'ops',
      'sasl.password': 's3cret',
    });
    const info = reportingClusterInfo('dr', secondary);
    expect(info.brokers).toEqual(['kafka-2:29092']);
    expect(JSON.stringify(info)).not.toContain('s3cret');
    expect(info.reason).toBe(
      "KarafkaWebModule.forRoot({ producer: 'dr' }) makes 'dr' the Web producer, which writes to cluster 'secondary': reporting and processing take place there.",
    );
  });
});
