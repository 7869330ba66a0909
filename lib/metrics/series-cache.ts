/**
 * The series of one label set, created on first sight of an event and found again by a string key: the hot
 * path costs one Map get, never a label lookup in prom-client.
 */
export class SeriesCache<E, S> {
  private readonly series = new Map<string, S>();

  constructor(
    private readonly keyOf: (event: E) => string,
    private readonly create: (event: E) => S,
  ) {}

  get(event: E): S {
    const key = this.keyOf(event);
    let series = this.series.get(key);
    if (series === undefined) {
      series = this.create(event);
      this.series.set(key, series);
    }
    return series;
  }

  values(): IterableIterator<S> {
    return this.series.values();
  }
}
