import { WebHttpError } from '../http/web-exchange.interface';
import {
  formatReplaySelection,
  MAX_REPLAY,
  parseReplaySelection,
  readSpans,
  selectAll,
} from './replay-selection';

function failure(run: () => unknown): { status: number; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof WebHttpError) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error('expected a WebHttpError');
}

describe('parseReplaySelection', () => {
  it('reads checkbox values and comma-separated fields: unique, by partition then offset', () => {
    const picks = parseReplaySelection(['1:10', '0:9,0:10', ' 0:2 ', '1:10', '0:02']);
    expect(picks).toEqual([
      { partition: 0, offset: '2' },
      { partition: 0, offset: '9' },
      { partition: 0, offset: '10' },
      { partition: 1, offset: '10' },
    ]);
    expect(formatReplaySelection(picks)).toBe('0:2,0:9,0:10,1:10');
  });

  it('keeps 64-bit offsets exact', () => {
    expect(parseReplaySelection(['0:9223372036854775806'])).toEqual([
      { partition: 0, offset: '9223372036854775806' },
    ]);
  });

  it('names a malformed pick, and refuses none or too many', () => {
    expect(failure(() => parseReplaySelection(['0:1', '0:x']))).toEqual({
      status: 400,
      message: "'0:x' is no dead letter: expected partition:offset, e.g. 0:42.",
    });
    expect(failure(() => parseReplaySelection(['', ' , ']))).toMatchObject({
      status: 400,
      message: 'Select at least one dead letter to replay.',
    });
    const many = Array.from({ length: MAX_REPLAY + 1 }, (_, i) => `0:${i}`);
    expect(failure(() => parseReplaySelection(many)).message).toBe(
      `${MAX_REPLAY + 1} dead letters selected; replay at most ${MAX_REPLAY} at a time.`,
    );
  });
});

describe('selectAll', () => {
  it('picks every offset of every partition range', () => {
    expect(
      selectAll([
        { partition: 0, low: '3', high: '5' },
        { partition: 1, low: '0', high: '0' },
        { partition: 2, low: '7', high: '8' },
      ]),
    ).toEqual([
      { partition: 0, offset: '3' },
      { partition: 0, offset: '4' },
      { partition: 2, offset: '7' },
    ]);
  });

  it('refuses an empty topic and more than the bound', () => {
    expect(failure(() => selectAll([{ partition: 0, low: '4', high: '4' }])).message).toBe(
      'This dead-letter topic holds no messages.',
    );
    expect(failure(() => selectAll([{ partition: 0, low: '0', high: String(MAX_REPLAY + 1) }])).status).toBe(
      400,
    );
  });
});

describe('readSpans', () => {
  it('reads each partition once, from its first pick to its last', () => {
    expect(
      readSpans([
        { partition: 1, offset: '40' },
        { partition: 0, offset: '7' },
        { partition: 1, offset: '12' },
      ]),
    ).toEqual([
      { partition: 1, from: '12', count: 29 },
      { partition: 0, from: '7', count: 1 },
    ]);
  });
});
