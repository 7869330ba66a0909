import type { Offset } from '../../admin/karafka-admin.interface';

/** One page of a partition, newest first: offsets `from` (inclusive) to `to` (exclusive). */
export interface MessagePage {
  /** 1-based; page 1 holds the newest messages. */
  page: number;
  pages: number;
  /** Messages in the partition's range (high − low). */
  total: number;
  from: Offset;
  to: Offset;
}

/**
 * Which offsets a page shows. Page 1 ends at the high watermark; `offset` (a jump) picks the page that
 * holds it, so paging on from there stays on the same grid. Offsets outside the range are clamped to it.
 */
export function messagePage(
  watermarks: { low: Offset; high: Offset },
  pageSize: number,
  target: { page?: number; offset?: Offset } = {},
): MessagePage {
  const low = BigInt(watermarks.low);
  const high = BigInt(watermarks.high);
  const size = BigInt(pageSize);
  const total = high - low;
  const pages = total === 0n ? 1n : (total + size - 1n) / size;
  let page = BigInt(target.page ?? 1);
  if (target.offset !== undefined && total > 0n) {
    const offset = clamp(BigInt(target.offset), low, high - 1n);
    page = (high - 1n - offset) / size + 1n;
  }
  page = clamp(page, 1n, pages);
  const to = high - (page - 1n) * size;
  const from = to - size < low ? low : to - size;
  return { page: Number(page), pages: Number(pages), total: Number(total), from: `${from}`, to: `${to}` };
}

function clamp(value: bigint, min: bigint, max: bigint): bigint {
  return value < min ? min : value > max ? max : value;
}
