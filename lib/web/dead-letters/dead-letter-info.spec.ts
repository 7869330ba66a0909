import { DEAD_LETTER_HEADERS } from '../../consumer/dead-letter';
import { deadLetterId, readDeadLetter, REPLAY_HEADERS, replayHeaders } from './dead-letter-info';

describe('readDeadLetter', () => {
  it('reads source, attempts and reason from the dead-letter headers', () => {
    expect(
      readDeadLetter(
        {
          [DEAD_LETTER_HEADERS.topic]: 'orders',
          [DEAD_LETTER_HEADERS.partition]: '2',
          [DEAD_LETTER_HEADERS.offset]: '9007199254740993',
          [DEAD_LETTER_HEADERS.cluster]: 'secondary',
          [DEAD_LETTER_HEADERS.attempts]: '4',
          [DEAD_LETTER_HEADERS.errorClass]: 'TypeError',
          [DEAD_LETTER_HEADERS.errorMessage]: 'bad <input>',
        },
        'primary',
      ),
    ).toEqual({
      sourceTopic: 'orders',
      sourcePartition: 2,
      sourceOffset: '9007199254740993',
      sourceCluster: 'secondary',
      attempts: 4,
      errorClass: 'TypeError',
      errorMessage: 'bad <input>',
      replayOf: undefined,
    });
  });

  it("falls back to the dead-letter topic's own cluster, never guessing the rest", () => {
    expect(
      readDeadLetter({ [DEAD_LETTER_HEADERS.partition]: 'x', [REPLAY_HEADERS.of]: 'a/b/0/1' }, 'secondary'),
    ).toEqual({
      sourceTopic: undefined,
      sourcePartition: undefined,
      sourceOffset: undefined,
      sourceCluster: 'secondary',
      attempts: undefined,
      errorClass: undefined,
      errorMessage: undefined,
      replayOf: 'a/b/0/1',
    });
  });
});

describe('replayHeaders', () => {
  it("keeps the message's own headers, drops the dead-letter ones and says where it was replayed from", () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    const binary = Buffer.from([0xff]);
    expect(
      replayHeaders(
        {
          trace: 't-1',
          bin: binary,
          [DEAD_LETTER_HEADERS.topic]: 'orders',
          [DEAD_LETTER_HEADERS.errorMessage]: 'x',
          [REPLAY_HEADERS.of]: 'old',
        },
        { id: deadLetterId('secondary', 'orders.dlq', 0, '7'), user: 'ops', at },
      ),
    ).toEqual({
      trace: 't-1',
      bin: binary,
      [REPLAY_HEADERS.of]: 'secondary/orders.dlq/0/7',
      [REPLAY_HEADERS.by]: 'ops',
      [REPLAY_HEADERS.at]: '2026-01-02T03:04:05.000Z',
    });
  });
});
