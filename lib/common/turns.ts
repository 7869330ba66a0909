/** Calls that must not overlap: each starts once every earlier one has settled (failed ones too). */
export class Turns {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(call: () => Promise<T>): Promise<T> {
    const run = this.last.then(call);
    this.last = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every call started so far has settled. */
  idle(): Promise<unknown> {
    return this.last;
  }
}
