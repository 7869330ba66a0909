import type { DriverRecord } from '../driver/kafka-driver.port';
import { toDeliveryReports } from './delivery-reports';

const record = (partition: number): DriverRecord => ({ value: 'v', partition });

describe('toDeliveryReports', () => {
  it('gives the n-th record of a topic-partition base + n, and one acknowledgement per topic-partition', () => {
    const items = [
      { topic: 'a', record: record(0) },
      { topic: 'a', record: record(1) },
      { topic: 'b', record: record(0) },
      { topic: 'a', record: record(0) },
    ];
    const { reports, partitions } = toDeliveryReports(items, [
      { topic: 'a', partition: 0, baseOffset: '10', errorCode: 0 },
      { topic: 'a', partition: 1, baseOffset: '7', errorCode: 0 },
      { topic: 'b', partition: 0, baseOffset: '0', errorCode: 0 },
    ]);
    expect(reports).toEqual([
      { topic: 'a', partition: 0, offset: '10' },
      { topic: 'a', partition: 1, offset: '7' },
      { topic: 'b', partition: 0, offset: '0' },
      { topic: 'a', partition: 0, offset: '11' },
    ]);
    expect(partitions).toEqual([
      { topic: 'a', partition: 0, offset: '10', count: 2 },
      { topic: 'a', partition: 1, offset: '7', count: 1 },
      { topic: 'b', partition: 0, offset: '0', count: 1 },
    ]);
  });

  it("takes a record's own offset when the driver set it (sends interleaved on one partition)", () => {
    const items = [
      { topic: 'a', record: { ...record(0), offset: '10' } },
      { topic: 'a', record: { ...record(0), offset: '13' } },
    ];
    const { reports, partitions } = toDeliveryReports(items, [
      { topic: 'a', partition: 0, baseOffset: '10', errorCode: 0 },
    ]);
    expect(reports.map((r) => r.offset)).toEqual(['10', '13']);
    expect(partitions).toEqual([{ topic: 'a', partition: 0, offset: '10', count: 2 }]);
  });

  it('keeps offsets above 2^53 exact (Kafka offsets are 64-bit)', () => {
    const items = [0, 1, 2].map(() => ({ topic: 't', record: record(0) }));
    const { reports, partitions } = toDeliveryReports(
      [...items, { topic: 't', record: record(1) }, { topic: 't', record: record(1) }],
      [
        // 2^53 + 1: the first integer a double cannot hold.
        { topic: 't', partition: 0, baseOffset: '9007199254740993', errorCode: 0 },
        // Just below 2^53 - 1 (Number.MAX_SAFE_INTEGER): the second record crosses it.
        { topic: 't', partition: 1, baseOffset: '9007199254740991', errorCode: 0 },
      ],
    );
    expect(reports.map((r) => r.offset)).toEqual([
      '9007199254740993',
      '9007199254740994',
      '9007199254740995',
      '9007199254740991',
      '9007199254740992',
    ]);
    expect(partitions.map((p) => p.offset)).toEqual(['9007199254740993', '9007199254740991']);
  });

  it('has no offset without an answer from the broker (acks = 0)', () => {
    const { reports, partitions } = toDeliveryReports([{ topic: 't', record: record(2) }], []);
    expect(reports).toEqual([{ topic: 't', partition: 2, offset: undefined }]);
    expect(partitions).toEqual([{ topic: 't', partition: 2, offset: undefined, count: 1 }]);
  });
});
