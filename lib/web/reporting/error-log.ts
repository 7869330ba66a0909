import { WEB_REPORTING_MESSAGES as M } from './web-reporting.messages';
import type { ErrorReport } from './web-report.interface';

/** Errors the pages can page through; older ones stay in the errors topic for its retention (3 months). */
export const MAX_KEPT_ERRORS = 1000;

/**
 * The newest errors of every process, newest first, each once (by id): the errors topic's tail, as the
 * processing consumer reads it or a reader fetched it.
 */
export class ErrorLog {
  private items: ErrorReport[] = [];
  private readonly ids = new Set<string>();

  add(error: ErrorReport): void {
    if (this.ids.has(error.id)) return;
    // Mostly the newest already: the insertion point is found from the front.
    let index = 0;
    while (index < this.items.length && this.items[index].at > error.at) index++;
    if (index >= MAX_KEPT_ERRORS) return;
    this.items.splice(index, 0, error);
    this.ids.add(error.id);
    for (const dropped of this.items.splice(MAX_KEPT_ERRORS)) this.ids.delete(dropped.id);
  }

  /** Replaces every error with these (a reader's fresh fetch of the topic's tail). */
  replace(errors: readonly ErrorReport[]): void {
    this.items = [];
    this.ids.clear();
    for (const error of errors) this.add(error);
  }

  page({ offset, limit }: { offset: number; limit: number }): { total: number; items: ErrorReport[] } {
    for (const [name, value] of [
      ['offset', offset],
      ['limit', limit],
    ] as const) {
      if (!Number.isInteger(value) || value < 0) throw new RangeError(M.invalidPage(name, value));
    }
    return { total: this.items.length, items: this.items.slice(offset, offset + limit) };
  }
}
