import { Turns } from './turns';

describe('Turns', () => {
  it('starts each call once the earlier ones have settled, failed ones too, and idle() waits for all', async () => {
    const turns = new Turns();
    const log: string[] = [];
    let release!: () => void;
    const first = turns.run(
      () =>
        new Promise<void>((resolve) => {
          log.push('first starts');
          release = () => {
            log.push('first ends');
            resolve();
          };
        }),
    );
    const second = turns.run(async () => {
      log.push('second starts');
      throw new Error('second fails');
    });
    const third = turns.run(async () => {
      log.push('third starts');
      return 3;
    });
    const idle = turns.idle().then(() => log.push('idle'));
    await Promise.resolve();
    expect(log).toEqual(['first starts']);
    release();
    await first;
    await expect(second).rejects.toThrow('second fails');
    await expect(third).resolves.toBe(3);
    await idle;
    expect(log).toEqual(['first starts', 'first ends', 'second starts', 'third starts', 'idle']);
  });
});
