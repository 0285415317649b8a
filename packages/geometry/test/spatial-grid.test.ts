/**
 * The spatial index over walls (`SegmentGrid`, and `segmentsBlocked` through
 * it): on random walls and segments, including the hard cases (axis-aligned,
 * collinear and nearly collinear, touching, zero-length, tiny, far from the
 * origin, segments ending on walls), it gives exactly the brute-force scan's
 * booleans; it tests fewer pairs; it rejects bad input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverCells, segmentsBlocked, SegmentGrid, SPATIAL_INDEX_MIN_WALLS } from '../src/index.js';

const FC = { numRuns: 300, seed: Number(process.env['SPATIAL_SEED'] ?? 20261125) } as const;

type Xy = [number, number];
type WallXy = [Xy, Xy];

/** The walls' table as the kernels lay it out: origin x, y, direction x, y. */
function tableOf(walls: readonly WallXy[]): Float64Array {
  const table = new Float64Array(4 * walls.length);
  walls.forEach(([[ax, ay], [bx, by]], w) => table.set([ax, ay, bx - ax, by - ay], 4 * w));
  return table;
}

/** The brute-force answer for one segment: every wall but the skipped ones, through the public kernel. */
function bruteBlocked(walls: readonly WallXy[], start: Xy, end: Xy, tolerance: number, skip0: number, skip1: number): boolean {
  const exclude = Int32Array.of(skip0, skip1);
  return segmentsBlocked([start], [end], walls as unknown as number[][][], { tolerance, exclude, spatialIndex: false }).item() === 1;
}

/** Whether some wall other than the skipped ones that the brute force finds blocking is nearly parallel to the segment. */
function blockedByNearlyParallel(walls: readonly WallXy[], start: Xy, end: Xy, tolerance: number, skip0: number, skip1: number): boolean {
  const rx = end[0] - start[0];
  const ry = end[1] - start[1];
  return walls.some(([[ax, ay], [bx, by]], w) => {
    if (w === skip0 || w === skip1) return false;
    const tx = bx - ax;
    const ty = by - ay;
    const sine = Math.abs(rx * ty - ry * tx) / (Math.hypot(rx, ry) * Math.hypot(tx, ty));
    return sine < 1e-9 && bruteBlocked([[[ax, ay], [bx, by]]], start, end, tolerance, -1, -1);
  });
}

/** A scene: walls of every kind, and segments drawn to hit them. */
interface SpatialCase {
  readonly walls: WallXy[];
  readonly segments: [Xy, Xy][];
  readonly skips: [number, number][];
  readonly tolerance: number;
}

const coordinate = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -10, max: 10 }) },
  { weight: 1, arbitrary: fc.integer({ min: -40, max: 40 }).map((k) => k / 4) },
);
const point = fc.tuple(coordinate, coordinate) as fc.Arbitrary<Xy>;
/** A line through a point with a direction (shared by several walls and segments: collinear cases). */
const line = fc.record({ origin: point, angle: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), axis: fc.boolean() });
type Line = { origin: Xy; angle: number; axis: boolean };
/** The point at k along a line (rounded: nearly collinear points, or exactly collinear on an axis). */
function along(l: Line, k: number): Xy {
  if (l.axis) return [l.origin[0] + k, l.origin[1]];
  return [l.origin[0] + k * Math.cos(l.angle), l.origin[1] + k * Math.sin(l.angle)];
}
const alongParameter = fc.double({ min: -12, max: 12, noNaN: true });

function wallArb(lines: Line[]): fc.Arbitrary<WallXy> {
  return fc.oneof(
    fc.tuple(point, point),
    fc.tuple(point, coordinate).map(([[x, y], x2]): WallXy => [[x, y], [x2, y]]),
    fc.tuple(point, coordinate).map(([[x, y], y2]): WallXy => [[x, y], [x, y2]]),
    fc.tuple(fc.nat(lines.length - 1), alongParameter, alongParameter).map(([l, a, b]): WallXy => [along(lines[l]!, a), along(lines[l]!, b)]),
    fc.tuple(point, fc.double({ min: -1e-7, max: 1e-7, noNaN: true })).map(([[x, y], e]): WallXy => [[x, y], [x + e, y - e]]),
    point.map((p): WallXy => [p, p]),
  );
}

/** A segment end: anywhere, on a line, a wall's end, or a point along a wall (as paths' points are). */
function endArb(walls: WallXy[], lines: Line[]): fc.Arbitrary<Xy> {
  return fc.oneof(
    point,
    fc.tuple(fc.nat(lines.length - 1), alongParameter).map(([l, k]) => along(lines[l]!, k)),
    fc.tuple(fc.nat(walls.length - 1), fc.boolean()).map(([w, end]) => walls[w]![end ? 1 : 0]),
    fc.tuple(fc.nat(walls.length - 1), fc.double({ min: -0.01, max: 1.01, noNaN: true })).map(([w, s]): Xy => {
      const [[ax, ay], [bx, by]] = walls[w]!;
      return [ax + s * (bx - ax), ay + s * (by - ay)];
    }),
  );
}

function caseArb(walls: { min: number; max: number }, segments: { min: number; max: number }, offset: fc.Arbitrary<Xy>): fc.Arbitrary<SpatialCase> {
  return fc
    .tuple(fc.array(line, { minLength: 1, maxLength: 3 }), offset)
    .chain(([lines, shift]) =>
      fc.array(wallArb(lines), { minLength: walls.min, maxLength: walls.max }).chain((drawn) =>
        fc.record({
          walls: fc.constant(drawn),
          segments: fc.array(fc.tuple(endArb(drawn, lines), endArb(drawn, lines)), { minLength: segments.min, maxLength: segments.max }),
          skips: fc.array(fc.tuple(fc.integer({ min: -1, max: drawn.length - 1 }), fc.integer({ min: -1, max: drawn.length - 1 })), {
            minLength: segments.max,
            maxLength: segments.max,
          }),
          tolerance: fc.constantFrom(0.005, 0.005, 0, 0.1, -0.1),
        }).map((c) => shifted(c, shift)),
      ),
    );
}

/** The case moved by `shift` (coordinates far from the origin round differently). */
function shifted(c: SpatialCase, [dx, dy]: Xy): SpatialCase {
  const move = ([x, y]: Xy): Xy => [x + dx, y + dy];
  return { ...c, walls: c.walls.map(([a, b]): WallXy => [move(a), move(b)]), segments: c.segments.map(([a, b]): [Xy, Xy] => [move(a), move(b)]) };
}

const farOffset = fc.constantFrom<Xy>([0, 0], [1e6, -3e5], [123456.789, 0.001]);

describe('SegmentGrid', () => {
  it('gives the brute-force answer on random walls and segments (collinear, axis-aligned, touching, degenerate)', () => {
    let blocked = 0;
    let nearlyParallel = 0;
    fc.assert(
      fc.property(caseArb({ min: 1, max: 60 }, { min: 1, max: 12 }, farOffset), ({ walls, segments, skips, tolerance }) => {
        const grid = new SegmentGrid(tableOf(walls), tolerance);
        segments.forEach(([start, end], i) => {
          const [skip0, skip1] = skips[i]!;
          const expected = bruteBlocked(walls, start, end, tolerance, skip0, skip1);
          const got = grid.blocks(start[0], start[1], end[0] - start[0], end[1] - start[1], skip0, skip1);
          expect(got).toBe(expected);
          if (expected) blocked++;
          if (expected && blockedByNearlyParallel(walls, start, end, tolerance, skip0, skip1)) nearlyParallel++;
        });
      }),
      FC,
    );
    expect(blocked).toBeGreaterThan(300);
    // The rounding noise of nearly collinear pairs does occur, and the grid reproduces it.
    expect(nearlyParallel).toBeGreaterThan(3);
  });

  it('finds walls far along a segment\'s line that the predicate accepts by rounding (nearly collinear pairs)', () => {
    // A segment and walls on (nearly) the same line, up to 15 segment lengths away, among many other walls.
    let accepted = 0;
    let next = 1;
    const random = () => {
      next = (next * 16807) % 2147483647;
      return next / 2147483647;
    };
    for (let trial = 0; trial < 300; trial++) {
      const [px, py] = [random() * 10, random() * 10];
      const angle = random() * 2 * Math.PI;
      const [rx, ry] = [Math.cos(angle), Math.sin(angle)];
      const walls: WallXy[] = [];
      for (let k = 0; k < 40; k++) {
        const at = 1.5 + random() * 14;
        const length = 0.3 + random();
        walls.push([
          [px + at * rx, py + at * ry],
          [px + (at + length) * rx, py + (at + length) * ry],
        ]);
      }
      const grid = new SegmentGrid(tableOf(walls), 0.005);
      const expected = bruteBlocked(walls, [px, py], [px + rx, py + ry], 0.005, -1, -1);
      if (expected) accepted++;
      expect(grid.blocks(px, py, px + rx - px, py + ry - py)).toBe(expected);
    }
    expect(accepted).toBeGreaterThan(10);
  });

  it('segmentsBlocked through the grid equals the full scan (batches of 256+ segments, exclusions, 128+ walls)', () => {
    fc.assert(
      fc.property(caseArb({ min: 128, max: 140 }, { min: 290, max: 300 }, farOffset), ({ walls, segments, skips, tolerance }) => {
        const starts = segments.map(([a]) => a);
        const ends = segments.map(([, b]) => b);
        const exclude = Int32Array.from(segments.flatMap((_, i) => skips[i]!));
        const options = { tolerance, exclude };
        const indexed = segmentsBlocked(starts, ends, walls as number[][][], options);
        const brute = segmentsBlocked(starts, ends, walls as number[][][], { ...options, spatialIndex: false });
        expect(Array.from(indexed.data)).toEqual(Array.from(brute.data));
      }),
      { ...FC, numRuns: 12 },
    );
  });

  it('handles walls and segments that are not finite, huge, tiny or of zero length', () => {
    const walls: WallXy[] = [
      [[0, 0], [1, 0]],
      [[0.5, -1], [0.5, 1]],
      [[NaN, 0], [1, 1]],
      [[Infinity, 0], [Infinity, 1]],
      [[2, -1e150], [2, 1e150]],
      [[3, 0], [3, 1e-120]],
      [[4, 4], [4, 4]],
    ];
    const segments: [Xy, Xy][] = [
      [[0.25, -1], [0.25, 1]],
      [[-5, 0.5], [5, 0.5]],
      [[-5, 1e-121], [5, 1e-121]],
      [[0, 0], [0, 0]],
      [[NaN, 0], [1, 1]],
      [[-Infinity, 0.5], [Infinity, 0.5]],
      [[-1e120, 0.25], [1e120, 0.25]],
      [[2.9, 5e-121], [2.9 + 1e-110, 5e-121]],
      [[1.5, 0.5], [2.5, 0.5]],
    ];
    for (const tolerance of [0.005, 0]) {
      const grid = new SegmentGrid(tableOf(walls), tolerance);
      for (const [start, end] of segments) {
        for (const skip of [-1, 0, 1, 2, 4]) {
          expect(grid.blocks(start[0], start[1], end[0] - start[0], end[1] - start[1], skip, -1)).toBe(bruteBlocked(walls, start, end, tolerance, skip, -1));
        }
      }
    }
    const empty = new SegmentGrid(new Float64Array(0), 0.005);
    expect(empty.blocks(0, 0, 1, 1)).toBe(false);
    const onlyPoints = new SegmentGrid(tableOf([[[1, 1], [1, 1]]]), 0.005);
    expect(onlyPoints.indexedCount).toBe(0);
    expect(onlyPoints.blocks(0, 0, 2, 2)).toBe(false);
  });

  it('tests far fewer pairs than a full scan on a large scene', () => {
    // 40 x 40 small walls on a lattice; 200 segments of a few cells each.
    const walls: WallXy[] = [];
    for (let i = 0; i < 40; i++) for (let j = 0; j < 40; j++) walls.push([[i + 0.2, j + 0.3], [i + 0.7, j + 0.5]]);
    const grid = new SegmentGrid(tableOf(walls), 0.005);
    expect(grid.columns * grid.rows).toBeGreaterThan(1000);
    let next = 3;
    const random = () => {
      next = (next * 16807) % 2147483647;
      return next / 2147483647;
    };
    let clear = 0;
    for (let k = 0; k < 200; k++) {
      const [x, y] = [random() * 40, random() * 40];
      const [ex, ey] = [x + 3 * random() - 1.5, y + 3 * random() - 1.5];
      const expected = bruteBlocked(walls, [x, y], [ex, ey], 0.005, -1, -1);
      if (!expected) clear++;
      expect(grid.blocks(x, y, ex - x, ey - y)).toBe(expected);
    }
    expect(clear).toBeGreaterThan(20);
    // A full scan would test up to 1600 walls per segment.
    expect(grid.pairsTested / 200).toBeLessThan(40);
  });

  it('restarts its stamps after 2^31 - 1 queries', () => {
    const grid = new SegmentGrid(tableOf([[[0, 0], [1, 0]]]), 0.005);
    (grid as unknown as { epoch: number }).epoch = 0x7fffffff - 1;
    for (let k = 0; k < 3; k++) expect(grid.blocks(0.5, -1, 0, 2)).toBe(true);
  });

  it('rejects a bad table or tolerance', () => {
    expect(() => new SegmentGrid(new Float64Array(5), 0.005)).toThrow(
      'SegmentGrid: table must be a Float64Array of 4 numbers per wall (origin x, y, direction x, y), got a Float64Array of length 5',
    );
    expect(() => new SegmentGrid([0, 0, 1, 0] as unknown as Float64Array, 0.005)).toThrow('SegmentGrid: table must be a Float64Array');
    expect(() => new SegmentGrid(new Float64Array(4), NaN)).toThrow('SegmentGrid: tolerance must be a finite number, got NaN');
  });

  it('segmentsBlocked checks spatialIndex and indexes only enough walls and segments', () => {
    expect(() => segmentsBlocked([[0, 0]], [[1, 1]], [[[0, 1], [1, 0]]], { spatialIndex: 'yes' as unknown as boolean })).toThrow(
      'segmentsBlocked: spatialIndex must be a boolean, got yes',
    );
    expect(SPATIAL_INDEX_MIN_WALLS).toBeGreaterThan(1);
  });
});

describe('coverCells', () => {
  const layout = { x0: 0, y0: 0, cellWidth: 1, cellHeight: 1, columns: 4, rows: 3 };

  it('lists the cells a thick segment touches, from its start', () => {
    const out = new Int32Array(12);
    expect(Array.from(out.subarray(0, coverCells(layout, 0.5, 0.5, 2.5, 0.5, 0, out)))).toEqual([0, 1, 2]);
    expect(Array.from(out.subarray(0, coverCells(layout, 2.5, 0.5, 0.5, 0.5, 0, out)))).toEqual([2, 1, 0]);
    expect(Array.from(out.subarray(0, coverCells(layout, 0.5, 2.5, 0.5, 0.5, 0, out)))).toEqual([8, 4, 0]);
    expect(Array.from(out.subarray(0, coverCells(layout, 0.5, 0.5, 0.5, 0.5, 0.6, out))).sort((a, b) => a - b)).toEqual([0, 1, 4, 5]);
    expect(coverCells(layout, 10, 10, 11, 11, 0, out)).toBe(0);
    expect(Array.from(out.subarray(0, coverCells(layout, -5, -5, -4, 0.5, 0, out)))).toEqual([]);
  });

  it('covers every cell that a point of the grown segment lies in (random segments)', () => {
    const innerPoint = fc.tuple(fc.double({ min: -9.5, max: 9.5, noNaN: true }), fc.double({ min: -9.5, max: 9.5, noNaN: true }));
    fc.assert(
      fc.property(
        fc.tuple(innerPoint, innerPoint, fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })),
        ([[ax, ay], [bx, by], halfWidth, s, ex, ey]) => {
          const grid = { x0: -10, y0: -10, cellWidth: 20 / 7, cellHeight: 20 / 5, columns: 7, rows: 5 };
          const out = new Int32Array(35);
          const cells = new Set(out.subarray(0, coverCells(grid, ax, ay, bx, by, halfWidth, out)));
          const x = ax + s * (bx - ax) + ex * halfWidth;
          const y = ay + s * (by - ay) + ey * halfWidth;
          const i = Math.min(6, Math.max(0, Math.floor((x + 10) / grid.cellWidth)));
          const j = Math.min(4, Math.max(0, Math.floor((y + 10) / grid.cellHeight)));
          expect(cells.has(j * 7 + i)).toBe(true);
        },
      ),
      FC,
    );
  });
});
