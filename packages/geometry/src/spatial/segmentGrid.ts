/**
 * A uniform grid over walls for the exact blocking test: a segment is only
 * tested against the walls of the cells it crosses, with the same predicate
 * as the brute-force scan, so the answers are the same booleans.
 *
 * @module
 */
import { coverCells, type GridLayout } from './gridCellCover.js';
import { firstAngleAtLeast, linePseudoAngle } from './lineAngles.js';
import { segmentCrossesWall } from './segmentCrossesWall.js';

/**
 * Fewest walls for which the tracer (`pathUnobstructed`, `tracePaths`) and
 * the fused map kernel index a scene's walls in a {@link SegmentGrid}, built
 * once per scene: below, scanning every wall costs as little.
 *
 * @example
 * ```ts
 * SPATIAL_INDEX_MIN_WALLS; // 16
 * ```
 */
export const SPATIAL_INDEX_MIN_WALLS = 16;

/** The unit roundoff of doubles. */
const UNIT_ROUNDOFF = 2 ** -53;

/** Pad of the covers for the rounding of their coordinates, relative to the coordinates' magnitude. */
const ROUNDING_PAD = 64 * UNIT_ROUNDOFF;

/** Absolute floor of every pad (keeps cells of a scene at the origin non-empty). */
const MINIMUM_PAD = 1e-300;

/**
 * Walls and segments with a coordinate beyond this are not indexed (their
 * products could overflow, and the error bounds assume they do not): such
 * walls are tested against every segment, such segments against every wall.
 */
const LARGEST_INDEXED = 1e100;

/**
 * Walls and segments shorter than this along both axes (but not of zero
 * length) are not indexed either: products of their components could
 * underflow, and the error bounds assume that rounding is relative.
 */
const SHORTEST_INDEXED = 1e-100;

/** How far (relative to the grid's diagonal) a query's cells reach beyond its segment, see {@link SegmentGrid}. */
const MATCH_MARGIN = 2 ** -20;

/** Target number of cells per indexed wall. */
const CELLS_PER_WALL = 1;

/** Largest number of cells along an axis. */
const MAX_CELLS_PER_AXIS = 1024;

/**
 * Beyond this sine of the angle between a segment and the walls that must
 * be tested for being nearly parallel to it, the segment is tested against
 * every wall.
 */
const LARGEST_PARALLEL_SINE = 0.25;

/** Largest number of buckets of wall directions. */
const MAX_ANGLE_BUCKETS = 1 << 16;

/** Beyond this many walls in the buckets of a direction range, search them rather than scan. */
const ANGLE_SCAN_LIMIT = 16;

/**
 * A uniform grid over walls (`table`: origin x, y and direction t x, y of
 * each wall) that answers the blocking test of `segmentsBlocked` — does a
 * wall other than two skipped ones cross a segment with both parametric
 * coordinates in `[-tolerance, 1 + tolerance]` — by testing only the walls
 * near the segment. Built once per set of walls (about one cell per wall,
 * as many columns as rows in proportion to the walls' extent), then queried
 * many times; each wall is tested at most once per query (a stamp per wall).
 *
 * Exact: the answer is the brute-force scan's boolean, bit for bit. Each
 * wall is filed in every cell that its segment, extended by the tolerance
 * at both ends, touches; a query walks the cells of its segment, extended
 * the same way and grown by a small margin, then tests the walls found
 * there with the same floating-point predicate (`segmentCrossesWall`).
 * Why nothing is missed: when the predicate accepts a pair, the crossing
 * points it implies on the segment and on the wall (from the computed
 * parametric coordinates) are within `8 u |w| |r| |t| / |d|` of each other
 * (u the unit roundoff, w from the segment's start to the wall's origin, r
 * and t the segment and wall vectors, d their computed cross product). The
 * query's margin (2^-20 of the grid's diagonal, plus rounding pads) covers
 * that distance unless `|d|` is tiny: those nearly parallel walls (sine of
 * the angle below about `2^-29` times the reach over the diagonal) are
 * found by their direction, from a list of the walls sorted by angle, and
 * tested too. (The predicate's verdict on nearly collinear pairs is
 * rounding noise, and may accept a wall far along the segment's line: the
 * grid still finds it.) Zero-length walls never block and are not filed;
 * walls or segments with a coordinate beyond 1e100 (or not finite), or
 * shorter than 1e-100 along both axes, are tested against everything (the
 * bounds assume no overflow and no underflow).
 *
 * Not re-entrant (the stamps are shared): one query at a time.
 *
 * @example
 * ```ts
 * // Two walls, as origin x, y and direction x, y.
 * const grid = new SegmentGrid(Float64Array.of(0.5, 0, 0, 1, 3, 0, 0, 1), 0.005);
 * grid.blocks(0, 0.5, 1, 0); // true: (0, 0.5) -> (1, 0.5) crosses wall 0
 * grid.blocks(0, 0.5, 1, 0, 0); // false: wall 0 skipped
 * ```
 */
export class SegmentGrid implements GridLayout {
  /** Number of walls (rows of the table). */
  readonly wallCount: number;
  /** Tolerance on both parametric coordinates of a crossing. */
  readonly tolerance: number;
  /** Left edge of the grid (metres). */
  readonly x0: number;
  /** Bottom edge of the grid (metres). */
  readonly y0: number;
  /** Width of a cell (metres). */
  readonly cellWidth: number;
  /** Height of a cell (metres). */
  readonly cellHeight: number;
  /** Cells along x. */
  readonly columns: number;
  /** Cells along y. */
  readonly rows: number;
  /** Segment-wall pairs tested by the queries so far (a statistic; reset it at will). */
  pairsTested = 0;
  private readonly table: Float64Array;
  private readonly low: number;
  private readonly high: number;
  private readonly lowExtent: number;
  private readonly highExtent: number;
  private readonly x1: number;
  private readonly y1: number;
  private readonly scale: number;
  private readonly matchMargin: number;
  /** `16 u / matchMargin`: the sine below which a wall at distance 1 must be tested as nearly parallel. */
  private readonly sinePerReach: number;
  private readonly cellStart: Int32Array;
  private readonly cellWalls: Int32Array;
  private readonly unindexed: Int32Array;
  private readonly angles: Float64Array;
  private readonly angleWalls: Int32Array;
  /** Buckets of pseudo-angles: bucket b (`[2 b / B, 2 (b + 1) / B)`) holds positions `angleStart[b] .. angleStart[b + 1]` of `angles`. */
  private readonly angleStart: Int32Array;
  /** Buckets per unit of pseudo-angle (half their number). */
  private readonly bucketScale: number;
  /** `1 / cellWidth` and `1 / cellHeight`, for the walk of queries. */
  private readonly inverseCellWidth: number;
  private readonly inverseCellHeight: number;
  private readonly stamps: Int32Array;
  private readonly cells: Int32Array;
  private epoch = 0;

  /**
   * Index the walls of `table` (copied) for blocking tests with `tolerance`.
   *
   * @param table - per wall 4 numbers: origin x, y, direction t x, y
   *   (metres, `[W * 4]`, as `segmentWallTable` lays them out).
   * @param tolerance - how far outside [0, 1] both parametric coordinates of
   *   a crossing may be and still block (`segmentsBlocked`'s default is 0.005).
   * @throws Error when `table` is not a Float64Array of 4 numbers per wall,
   *   or `tolerance` is not a finite number.
   */
  constructor(table: Float64Array, tolerance: number) {
    if (!(table instanceof Float64Array) || table.length % 4 !== 0) {
      const got = table instanceof Float64Array ? `a Float64Array of length ${table.length}` : String(table);
      throw new Error(`SegmentGrid: table must be a Float64Array of 4 numbers per wall (origin x, y, direction x, y), got ${got}`);
    }
    if (!(typeof tolerance === 'number' && Number.isFinite(tolerance))) {
      throw new Error(`SegmentGrid: tolerance must be a finite number, got ${String(tolerance)}`);
    }
    const count = table.length / 4;
    this.wallCount = count;
    this.tolerance = tolerance;
    this.table = table.slice();
    this.low = -tolerance;
    this.high = 1 + tolerance;
    // The extension of walls and segments that holds every accepted crossing (a negative tolerance only shrinks them).
    this.lowExtent = Math.min(-tolerance, 0);
    this.highExtent = Math.max(1 + tolerance, 1);
    const ends = new Float64Array(4 * count);
    const indexed: number[] = [];
    const unindexed: number[] = [];
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let w = 0; w < count; w++) {
      const k = 4 * w;
      const ox = table[k]!;
      const oy = table[k + 1]!;
      const tx = table[k + 2]!;
      const ty = table[k + 3]!;
      const ax = ox + this.lowExtent * tx;
      const ay = oy + this.lowExtent * ty;
      const bx = ox + this.highExtent * tx;
      const by = oy + this.highExtent * ty;
      const magnitude = Math.max(Math.abs(ox), Math.abs(oy), Math.abs(tx), Math.abs(ty), Math.abs(ax), Math.abs(ay), Math.abs(bx), Math.abs(by));
      if (tx === 0 && ty === 0 && magnitude <= LARGEST_INDEXED) continue; // never blocks: cross(r, t) = 0
      if (!(magnitude <= LARGEST_INDEXED) || Math.max(Math.abs(tx), Math.abs(ty)) < SHORTEST_INDEXED) {
        unindexed.push(w);
        continue;
      }
      indexed.push(w);
      ends[k] = ax;
      ends[k + 1] = ay;
      ends[k + 2] = bx;
      ends[k + 3] = by;
      minX = Math.min(minX, ax, bx);
      maxX = Math.max(maxX, ax, bx);
      minY = Math.min(minY, ay, by);
      maxY = Math.max(maxY, ay, by);
    }
    this.unindexed = Int32Array.from(unindexed);
    this.stamps = new Int32Array(count);
    if (indexed.length === 0) {
      minX = minY = maxX = maxY = 0;
    }
    const scale = Math.max(Math.abs(minX), Math.abs(maxX), Math.abs(minY), Math.abs(maxY));
    const pad = ROUNDING_PAD * scale + MINIMUM_PAD;
    this.scale = scale;
    this.x0 = minX - pad;
    this.y0 = minY - pad;
    this.x1 = maxX + pad;
    this.y1 = maxY + pad;
    const width = this.x1 - this.x0;
    const height = this.y1 - this.y0;
    this.matchMargin = MATCH_MARGIN * Math.hypot(width, height);
    this.sinePerReach = (16 * UNIT_ROUNDOFF) / this.matchMargin;
    const target = Math.max(1, Math.ceil(CELLS_PER_WALL * indexed.length));
    this.columns = Math.min(MAX_CELLS_PER_AXIS, Math.max(1, Math.round(Math.sqrt((target * width) / height))));
    this.rows = Math.min(MAX_CELLS_PER_AXIS, Math.max(1, Math.round(Math.sqrt((target * height) / width))));
    this.cellWidth = width / this.columns;
    this.cellHeight = height / this.rows;
    this.inverseCellWidth = 1 / this.cellWidth;
    this.inverseCellHeight = 1 / this.cellHeight;
    const cellCount = this.columns * this.rows;
    this.cells = new Int32Array(cellCount);
    // Two passes over the walls' covers: count per cell, then fill (walls in increasing order in each cell).
    const cellStart = new Int32Array(cellCount + 1);
    for (let i = 0; i < indexed.length; i++) {
      const k = 4 * indexed[i]!;
      const covered = coverCells(this, ends[k]!, ends[k + 1]!, ends[k + 2]!, ends[k + 3]!, pad, this.cells);
      for (let c = 0; c < covered; c++) cellStart[this.cells[c]! + 1]++;
    }
    for (let c = 0; c < cellCount; c++) cellStart[c + 1] += cellStart[c]!;
    const cellWalls = new Int32Array(cellStart[cellCount]!);
    const cursor = cellStart.slice(0, cellCount);
    for (let i = 0; i < indexed.length; i++) {
      const w = indexed[i]!;
      const k = 4 * w;
      const covered = coverCells(this, ends[k]!, ends[k + 1]!, ends[k + 2]!, ends[k + 3]!, pad, this.cells);
      for (let c = 0; c < covered; c++) cellWalls[cursor[this.cells[c]!]!++] = w;
    }
    this.cellStart = cellStart;
    this.cellWalls = cellWalls;
    const angleOf = new Float64Array(count);
    for (const w of indexed) angleOf[w] = linePseudoAngle(table[4 * w + 2]!, table[4 * w + 3]!);
    const byAngle = indexed.slice().sort((a, b) => angleOf[a]! - angleOf[b]! || a - b);
    this.angleWalls = Int32Array.from(byAngle);
    this.angles = Float64Array.from(byAngle, (w) => angleOf[w]!);
    const buckets = Math.max(16, Math.min(MAX_ANGLE_BUCKETS, 2 * indexed.length));
    this.angleStart = new Int32Array(buckets + 1);
    this.bucketScale = buckets / 2;
    for (let i = 0; i < byAngle.length; i++) this.angleStart[Math.min(buckets - 1, Math.floor(this.angles[i]! * this.bucketScale)) + 1]++;
    for (let b = 0; b < buckets; b++) this.angleStart[b + 1] += this.angleStart[b]!;
  }

  /** Number of walls filed in the cells (finite, not zero-length). */
  get indexedCount(): number {
    return this.angleWalls.length;
  }

  /**
   * Whether a wall other than `skip0` and `skip1` blocks the segment
   * `(px, py) -> (px + rx, py + ry)`: exactly the boolean of the
   * brute-force scan of `segmentsBlocked` over every wall.
   *
   * @param px - segment start x (metres).
   * @param py - segment start y.
   * @param rx - segment vector x (end - start, as the scan computes it).
   * @param ry - segment vector y.
   * @param skip0 - a wall to skip (-1: none), e.g. the object at the segment's start.
   * @param skip1 - another wall to skip (-1: none).
   * @example
   * ```ts
   * const grid = new SegmentGrid(Float64Array.of(0.5, 0, 0, 1), 0.005);
   * grid.blocks(0, 0.5, 1, 0); // true
   * grid.blocks(0, 2, 1, 0); // false
   * ```
   */
  blocks(px: number, py: number, rx: number, ry: number, skip0 = -1, skip1 = -1): boolean {
    return this.blockingWall(px, py, rx, ry, skip0, skip1) >= 0;
  }

  /**
   * A wall other than `skip0` and `skip1` that blocks the segment
   * `(px, py) -> (px + rx, py + ry)` (the first one met, walking from the
   * segment's start; not necessarily the lowest index), or -1 when none
   * does: -1 exactly when the brute-force scan finds none.
   *
   * @param px - segment start x (metres).
   * @param py - segment start y.
   * @param rx - segment vector x (end - start).
   * @param ry - segment vector y.
   * @param skip0 - a wall to skip (-1: none).
   * @param skip1 - another wall to skip (-1: none).
   * @example
   * ```ts
   * const grid = new SegmentGrid(Float64Array.of(0.5, 0, 0, 1, 0.7, 0, 0, 1), 0.005);
   * grid.blockingWall(0, 0.5, 1, 0); // 0: met first
   * grid.blockingWall(1, 0.5, -1, 0); // 1
   * ```
   */
  blockingWall(px: number, py: number, rx: number, ry: number, skip0 = -1, skip1 = -1): number {
    const table = this.table;
    const low = this.low;
    const high = this.high;
    const unindexed = this.unindexed;
    for (let k = 0; k < unindexed.length; k++) {
      const w = unindexed[k]!;
      if (w === skip0 || w === skip1) continue;
      this.pairsTested++;
      if (segmentCrossesWall(px, py, rx, ry, table, 4 * w, low, high)) return w;
    }
    if (this.angleWalls.length === 0) return -1;
    const magnitude = Math.abs(px) + Math.abs(py) + Math.abs(rx) + Math.abs(ry);
    if (rx === 0 && ry === 0 && magnitude <= LARGEST_INDEXED) return -1; // cross(r, t) = 0 for every finite wall
    if (!(magnitude <= LARGEST_INDEXED) || Math.max(Math.abs(rx), Math.abs(ry)) < SHORTEST_INDEXED) {
      return this.scanAll(px, py, rx, ry, skip0, skip1);
    }
    // The walls nearly parallel to the segment: within the angle that the
    // margin does not cover for a wall as far as the grid's farthest corner.
    const farX = Math.max(Math.abs(px - this.x0), Math.abs(px - this.x1));
    const farY = Math.max(Math.abs(py - this.y0), Math.abs(py - this.y1));
    const sine = this.sinePerReach * Math.sqrt(farX * farX + farY * farY) + 4 * UNIT_ROUNDOFF;
    if (!(sine < LARGEST_PARALLEL_SINE)) return this.scanAll(px, py, rx, ry, skip0, skip1);
    const epoch = this.nextEpoch();
    // asin(sine) < 1.02 sine here; pseudo-angles are at most as far apart as angles.
    const spread = 1.02 * sine + 1e-14;
    const angle = linePseudoAngle(rx, ry);
    const from = angle - spread;
    const to = angle + spread;
    // Most directions fall in an empty bucket: test that inline before any search.
    const angleStart = this.angleStart;
    const bucketScale = this.bucketScale;
    if (from < 0 || to >= 2 || angleStart[Math.floor(from * bucketScale)] !== angleStart[Math.floor(to * bucketScale) + 1]) {
      let found = this.anglesBlock(from, to, epoch, px, py, rx, ry, skip0, skip1);
      if (found < 0 && from < 0) found = this.anglesBlock(from + 2, 2, epoch, px, py, rx, ry, skip0, skip1);
      if (found < 0 && to >= 2) found = this.anglesBlock(0, to - 2, epoch, px, py, rx, ry, skip0, skip1);
      if (found >= 0) return found;
    }
    // The cells of the segment, extended like the walls and grown by the
    // margin, slab by slab along its major axis from its start (the walk of
    // `coverCells`, inlined so that a blocked segment stops early).
    const halfWidth = this.matchMargin + ROUNDING_PAD * (this.scale + magnitude * this.highExtent) + MINIMUM_PAD;
    const ax = px + this.lowExtent * rx;
    const ay = py + this.lowExtent * ry;
    const bx = px + this.highExtent * rx;
    const by = py + this.highExtent * ry;
    const xMajor = Math.abs(rx) >= Math.abs(ry);
    const am = xMajor ? ax : ay;
    const an = xMajor ? ay : ax;
    const bm = xMajor ? bx : by;
    const m0 = xMajor ? this.x0 : this.y0;
    const n0 = xMajor ? this.y0 : this.x0;
    const mSize = xMajor ? this.cellWidth : this.cellHeight;
    // Reciprocals rather than divisions: their extra rounding is within the pads.
    const mInverse = xMajor ? this.inverseCellWidth : this.inverseCellHeight;
    const nInverse = xMajor ? this.inverseCellHeight : this.inverseCellWidth;
    const mCount = xMajor ? this.columns : this.rows;
    const nCount = xMajor ? this.rows : this.columns;
    const mStride = xMajor ? 1 : this.columns;
    const nStride = xMajor ? this.columns : 1;
    const dm = xMajor ? rx : ry;
    const dn = xMajor ? ry : rx;
    const segmentLow = am < bm ? am : bm;
    const segmentHigh = am < bm ? bm : am;
    let first = Math.floor((segmentLow - halfWidth - m0) * mInverse);
    let last = Math.floor((segmentHigh + halfWidth - m0) * mInverse);
    if (first < 0) first = 0;
    if (last > mCount - 1) last = mCount - 1;
    const slope = dn / dm;
    const ascending = dm >= 0;
    const nAscending = dn >= 0;
    const cellStart = this.cellStart;
    const cellWalls = this.cellWalls;
    const stamps = this.stamps;
    for (let step = 0; step <= last - first; step++) {
      const k = ascending ? first + step : last - step;
      const slabLow = m0 + k * mSize - halfWidth;
      const slabHigh = m0 + (k + 1) * mSize + halfWidth;
      let ma = slabLow > segmentLow ? slabLow : segmentLow;
      let mb = slabHigh < segmentHigh ? slabHigh : segmentHigh;
      if (ma > mb) ma = mb = slabLow > segmentHigh ? segmentHigh : segmentLow;
      const na = an + (ma - am) * slope;
      const nb = an + (mb - am) * slope;
      let nFirst = Math.floor(((na < nb ? na : nb) - halfWidth - n0) * nInverse);
      let nLast = Math.floor(((na < nb ? nb : na) + halfWidth - n0) * nInverse);
      if (nFirst < 0) nFirst = 0;
      if (nLast > nCount - 1) nLast = nCount - 1;
      for (let j = 0; j <= nLast - nFirst; j++) {
        const cell = k * mStride + (nAscending ? nFirst + j : nLast - j) * nStride;
        const end = cellStart[cell + 1]!;
        for (let c = cellStart[cell]!; c < end; c++) {
          const w = cellWalls[c]!;
          if (stamps[w] === epoch) continue;
          stamps[w] = epoch;
          if (w === skip0 || w === skip1) continue;
          this.pairsTested++;
          if (segmentCrossesWall(px, py, rx, ry, table, 4 * w, low, high)) return w;
        }
      }
    }
    return -1;
  }

  /**
   * {@link SegmentGrid.blocks} for a batch: `out[i] = 1` when segment i
   * (`starts[2 i..]` to `ends[2 i..]`) is blocked by a wall other than
   * `exclude[2 i]` and `exclude[2 i + 1]`, else 0.
   *
   * @param starts - `[N * 2]`: first end of each segment (metres).
   * @param ends - `[N * 2]`: second end of each segment.
   * @param exclude - `[N * 2]`: two walls to skip per segment (-1: none), or null.
   * @param out - `[N]`: written.
   * @example
   * ```ts
   * const grid = new SegmentGrid(Float64Array.of(0.5, 0, 0, 1), 0.005);
   * const out = new Float64Array(2);
   * grid.blocksEach(Float64Array.of(0, 0.5, 0, 2), Float64Array.of(1, 0.5, 1, 2), null, out); // out: [1, 0]
   * ```
   */
  blocksEach(starts: Float64Array, ends: Float64Array, exclude: Int32Array | null, out: Float64Array): void {
    for (let i = 0; i < out.length; i++) {
      const px = starts[2 * i]!;
      const py = starts[2 * i + 1]!;
      const skip0 = exclude === null ? -1 : exclude[2 * i]!;
      const skip1 = exclude === null ? -1 : exclude[2 * i + 1]!;
      out[i] = this.blocks(px, py, ends[2 * i]! - px, ends[2 * i + 1]! - py, skip0, skip1) ? 1 : 0;
    }
  }

  /** The next stamp of a query (every wall's stamp is older). */
  private nextEpoch(): number {
    if (this.epoch === 0x7fffffff) {
      this.stamps.fill(0);
      this.epoch = 0;
    }
    return ++this.epoch;
  }

  /** A wall with a pseudo-angle in [from, to] (not yet stamped, not skipped) blocking the segment, or -1; stamps them. */
  private anglesBlock(from: number, to: number, epoch: number, px: number, py: number, rx: number, ry: number, skip0: number, skip1: number): number {
    const angles = this.angles;
    const angleStart = this.angleStart;
    const buckets = angleStart.length - 1;
    let firstBucket = Math.floor(from * this.bucketScale);
    let lastBucket = Math.floor(to * this.bucketScale);
    if (firstBucket < 0) firstBucket = 0;
    if (lastBucket > buckets - 1) lastBucket = buckets - 1;
    if (!(firstBucket <= lastBucket)) return -1;
    let i = angleStart[firstBucket]!;
    const end = angleStart[lastBucket + 1]!;
    if (end - i > ANGLE_SCAN_LIMIT) i = firstAngleAtLeast(angles, from);
    const angleWalls = this.angleWalls;
    const stamps = this.stamps;
    for (; i < end; i++) {
      const angle = angles[i]!;
      if (angle < from) continue;
      if (angle > to) break;
      const w = angleWalls[i]!;
      if (stamps[w] === epoch) continue;
      stamps[w] = epoch;
      if (w === skip0 || w === skip1) continue;
      this.pairsTested++;
      if (segmentCrossesWall(px, py, rx, ry, this.table, 4 * w, this.low, this.high)) return w;
    }
    return -1;
  }

  /** The brute-force scan over every wall (segments too large or too far for the error bounds): the first blocking wall, or -1. */
  private scanAll(px: number, py: number, rx: number, ry: number, skip0: number, skip1: number): number {
    for (let w = 0; w < this.wallCount; w++) {
      if (w === skip0 || w === skip1) continue;
      this.pairsTested++;
      if (segmentCrossesWall(px, py, rx, ry, this.table, 4 * w, this.low, this.high)) return w;
    }
    return -1;
  }
}
