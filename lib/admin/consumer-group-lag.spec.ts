import { computeTopicLag } from './consumer-group-lag';

describe('computeTopicLag', () => {
  const watermarks = [
    { partition: 1, low: '0', high: '50' },
    { partition: 0, low: '0', high: '10' },
    { partition: 2, low: '5', high: '5' },
  ];

  it('is high watermark minus committed offset per partition, summed for the topic', () => {
    expect(
      computeTopicLag(
        'orders',
        [
          { partition: 0, offset: '4' },
          { partition: 1, offset: '50' },
        ],
        watermarks,
      ),
    ).toEqual({
      topic: 'orders',
      lag: 6,
      partitions: [
        { partition: 0, committedOffset: '4', highWatermark: '10', lag: 6 },
        { partition: 1, committedOffset: '50', highWatermark: '50', lag: 0 },
        { partition: 2, committedOffset: null, highWatermark: '5', lag: null },
      ],
    });
  });

  it('treats Kafka’s -1 as no committed offset, and an offset past the end as no lag', () => {
    const lag = computeTopicLag(
      'orders',
      [
        { partition: 0, offset: '-1' },
        { partition: 1, offset: '70' },
      ],
      watermarks,
    );
    expect(lag.partitions.map((p) => [p.committedOffset, p.lag])).toEqual([
      [null, null],
      ['70', 0],
      [null, null],
    ]);
    expect(lag.lag).toBe(0);
  });
});
