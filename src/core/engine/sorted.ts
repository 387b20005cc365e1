/** Looking a row number up in an ascending list of rows (records, blank rows): a binary search, never a scan or a Set. */

/** The index of `n` in the ascending `list`, or -1. */
export function indexInSorted(list: readonly number[], n: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === n) return mid;
    if (v < n) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
