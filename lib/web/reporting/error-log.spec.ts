import { sampleError } from '../../../test/unit/web/sample-report';
import { ErrorLog, MAX_KEPT_ERRORS } from './error-log';

describe('ErrorLog', () => {
  it('pages through the errors newest first, each once', () => {
    const log = new ErrorLog();
    log.add(sampleError('a', 1, 100));
    log.add(sampleError('b', 1, 300));
    log.add(sampleError('a', 2, 200));
    log.add(sampleError('a', 2, 200));

    expect(log.page({ offset: 0, limit: 2 })).toEqual({
      total: 3,
      items: [sampleError('b', 1, 300), sampleError('a', 2, 200)],
    });
    expect(log.page({ offset: 2, limit: 2 }).items.map((e) => e.id)).toEqual(['a:1']);
    expect(log.page({ offset: 5, limit: 2 }).items).toEqual([]);
  });

  it(`keeps the newest ${MAX_KEPT_ERRORS}`, () => {
    const log = new ErrorLog();
    for (let i = 0; i < MAX_KEPT_ERRORS + 5; i++) log.add(sampleError('a', i, i));
    log.add(sampleError('late', 0, -1));

    const { total, items } = log.page({ offset: 0, limit: MAX_KEPT_ERRORS });
    expect(total).toBe(MAX_KEPT_ERRORS);
    expect(items[0].id).toBe(`a:${MAX_KEPT_ERRORS + 4}`);
    expect(items.at(-1)!.id).toBe('a:5');
    // A dropped error is no longer known: it is taken again if it becomes one of the newest.
    log.replace([sampleError('a', 0, 0)]);
    expect(log.page({ offset: 0, limit: 10 }).items.map((e) => e.id)).toEqual(['a:0']);
  });

  it('refuses a page that is not two whole numbers of 0 or more', () => {
    expect(() => new ErrorLog().page({ offset: -1, limit: 10 })).toThrow(
      'errors page offset must be an integer of 0 or more, got -1',
    );
    expect(() => new ErrorLog().page({ offset: 0, limit: 2.5 })).toThrow(
      'errors page limit must be an integer of 0 or more, got 2.5',
    );
  });
});
