/**
 * The cells of a uniform grid that a thick segment touches: the
 * conservative cover used both to insert walls into a `SegmentGrid` and to
 * walk the cells of a query segment.
 *
 * @module
 */

/**
 * A uniform grid of `columns x rows` cells over the box starting at
 * `(x0, y0)`: cell `(i, j)` covers `[x0 + i cellWidth, x0 + (i + 1) cellWidth]
 * x [y0 + j cellHeight, y0 + (j + 1) cellHeight]` and has index
 * `j columns + i`. The parts of segments outside the box touch no cell.
 *
 * @example
 * ```ts
 * const layout: GridLayout = { x0: 0, y0: 0, cellWidth: 1, cellHeight: 1, columns: 4, rows: 3 };
 * ```
 */
export interface GridLayout {
  /** Left edge of the grid (metres). */
  readonly x0: number;
  /** Bottom edge of the grid (metres). */
  readonly y0: number;
  /** Width of a cell (metres, > 0). */
  readonly cellWidth: number;
  /** Height of a cell (metres, > 0). */
  readonly cellHeight: number;
  /** Number of cells along x (>= 1). */
  readonly columns: number;
  /** Number of cells along y (>= 1). */
  readonly rows: number;
}

/**
 * Write into `out` the index of every cell that the segment `a -> b`,
 * grown by `halfWidth` in every direction (its Minkowski sum with a square
 * of half-side `halfWidth`), may touch; return how many. Each cell appears
 * at most once, roughly in order from `a` to `b`, so that a blocking test
 * walking them meets the walls near `a` first.
 *
 * The walk goes along the segment's major axis, one slab of cells at a
 * time, and covers in each slab the minor-axis range of the segment's part
 * in that slab (grown by `halfWidth`). Along the major axis the slope is at
 * most 1, so the rounding of every computed coordinate stays within a few
 * ulps of the coordinates' magnitude: a `halfWidth` of a few dozen ulps of
 * the coordinates makes the cover a superset of the cells the exact grown
 * segment touches.
 *
 * @param layout - the grid.
 * @param ax - first end x (finite, metres).
 * @param ay - first end y.
 * @param bx - second end x.
 * @param by - second end y.
 * @param halfWidth - growth (>= 0, metres).
 * @param out - room for `columns * rows` indices.
 * @returns the number of cells written.
 * @example
 * ```ts
 * const layout = { x0: 0, y0: 0, cellWidth: 1, cellHeight: 1, columns: 4, rows: 3 };
 * const out = new Int32Array(12);
 * const count = coverCells(layout, 0.5, 0.5, 2.5, 0.5, 0, out);
 * Array.from(out.subarray(0, count)); // [0, 1, 2]
 * ```
 */
export function coverCells(layout: GridLayout, ax: number, ay: number, bx: number, by: number, halfWidth: number, out: Int32Array): number {
  const xMajor = Math.abs(bx - ax) >= Math.abs(by - ay);
  // Major axis m (iterated over), minor axis n (a range per major cell).
  const am = xMajor ? ax : ay;
  const an = xMajor ? ay : ax;
  const bm = xMajor ? bx : by;
  const bn = xMajor ? by : bx;
  const m0 = xMajor ? layout.x0 : layout.y0;
  const n0 = xMajor ? layout.y0 : layout.x0;
  const mSize = xMajor ? layout.cellWidth : layout.cellHeight;
  const nSize = xMajor ? layout.cellHeight : layout.cellWidth;
  const mCount = xMajor ? layout.columns : layout.rows;
  const nCount = xMajor ? layout.rows : layout.columns;
  const mStride = xMajor ? 1 : layout.columns;
  const nStride = xMajor ? layout.columns : 1;
  const dm = bm - am;
  const dn = bn - an;
  const segmentLow = am < bm ? am : bm;
  const segmentHigh = am < bm ? bm : am;
  let first = Math.floor((segmentLow - halfWidth - m0) / mSize);
  let last = Math.floor((segmentHigh + halfWidth - m0) / mSize);
  if (first < 0) first = 0;
  if (last > mCount - 1) last = mCount - 1;
  if (!(first <= last)) return 0;
  const slope = dm !== 0 ? dn / dm : 0;
  const ascending = dm >= 0;
  const nAscending = dn >= 0;
  let count = 0;
  for (let s = 0; s <= last - first; s++) {
    const k = ascending ? first + s : last - s;
    const slabLow = m0 + k * mSize - halfWidth;
    const slabHigh = m0 + (k + 1) * mSize + halfWidth;
    let ma = slabLow > segmentLow ? slabLow : segmentLow;
    let mb = slabHigh < segmentHigh ? slabHigh : segmentHigh;
    // A slab only within halfWidth of an end (or missed by rounding): that end is the nearest point.
    if (ma > mb) {
      ma = mb = slabLow > segmentHigh ? segmentHigh : segmentLow;
    }
    const na = an + (ma - am) * slope;
    const nb = an + (mb - am) * slope;
    let nFirst = Math.floor(((na < nb ? na : nb) - halfWidth - n0) / nSize);
    let nLast = Math.floor(((na < nb ? nb : na) + halfWidth - n0) / nSize);
    if (nFirst < 0) nFirst = 0;
    if (nLast > nCount - 1) nLast = nCount - 1;
    if (!(nFirst <= nLast)) continue;
    const base = k * mStride;
    if (nAscending) {
      for (let j = nFirst; j <= nLast; j++) out[count++] = base + j * nStride;
    } else {
      for (let j = nLast; j >= nFirst; j--) out[count++] = base + j * nStride;
    }
  }
  return count;
}
