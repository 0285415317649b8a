/**
 * Culling blocking walls for a family of segments (the map kernel's
 * `blockersNear`): a wall that blocks any segment between two points of the
 * family's hull is always kept; walls far away are dropped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockersNear, convexHull, segmentNearConvex } from '../src/maps/blockerCulling.js';

/** The kernel's blocking predicate (both parametric coordinates in [-tol, 1 + tol]), written from its definition. */
function blocks(px: number, py: number, qx: number, qy: number, wall: readonly number[], tolerance: number): boolean {
  const rx = qx - px;
  const ry = qy - py;
  const [ox, oy, tx, ty] = wall as [number, number, number, number];
  const d = rx * ty - ry * tx;
  if (d === 0 || !Number.isFinite(d)) return false;
  const wx = ox - px;
  const wy = oy - py;
  const u = (wx * ty - wy * tx) / d;
  const s = (wx * ry - wy * rx) / d;
  return u >= -tolerance && u <= 1 + tolerance && s >= -tolerance && s <= 1 + tolerance;
}

const coordinate = fc.double({ min: -10, max: 10, noNaN: true });
const point = fc.tuple(coordinate, coordinate);
/** Walls: random, tiny, and some through the family's ends (the hard cases). */
const wallArb = fc.oneof(
  fc.tuple(coordinate, coordinate, fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })),
  fc.tuple(coordinate, coordinate, fc.double({ min: -1e-6, max: 1e-6, noNaN: true }), fc.double({ min: -1e-6, max: 1e-6, noNaN: true })),
);

describe('blockersNear', () => {
  it('keeps every wall that blocks a segment between two points of the hull (random families and walls)', () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 6 }),
        fc.array(wallArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 30 }),
        fc.constantFrom(0, 0.005, 0.1, -0.01),
        fc.nat(3),
        (ends, walls, picks, tolerance, through) => {
          const flat = ends.flat();
          // Some walls start exactly at an end, or run to it, as walls of a candidate do.
          const wallRows = walls.map((wall, i) => {
            if (i >= through) return wall;
            const [ex, ey] = ends[i % ends.length]!;
            return [ex, ey, wall[2], wall[3]] as const;
          });
          const blockers = Float64Array.from(wallRows.flat());
          const kept = new Set(blockersNear(blockers, wallRows.length, flat, tolerance, -1, -1));
          const n = ends.length;
          for (const [a, b, sa, sb] of picks) {
            // Points of the hull: ends, and points along segments between ends.
            const [ax, ay] = ends[a % n]!;
            const [a2x, a2y] = ends[(a + 1) % n]!;
            const [bx, by] = ends[b % n]!;
            const [b2x, b2y] = ends[(b + 2) % n]!;
            const px = ax + sa * (a2x - ax);
            const py = ay + sa * (a2y - ay);
            const qx = bx + sb * (b2x - bx);
            const qy = by + sb * (b2y - by);
            wallRows.forEach((wall, w) => {
              if (blocks(px, py, qx, qy, wall, tolerance)) expect(kept.has(w), `wall ${w} blocks (${px}, ${py}) -> (${qx}, ${qy})`).toBe(true);
            });
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('drops far walls and the walls at the ends, keeps near ones, in scan order', () => {
    // The family: the origin to the box [1, 2] x [0, 1].
    const ends = [0, 0, 1, 0, 2, 0, 2, 1, 1, 1];
    const blockers = Float64Array.of(5, 5, 1, 0, 0.5, -1, 0, 3, 1.5, 0.5, 0.1, 0, 2.02, 0, 0, 1);
    expect([...blockersNear(blockers, 4, ends, 0.005, -1, -1)]).toEqual([1, 2]);
    expect([...blockersNear(blockers, 4, ends, 0.005, 2, -1)]).toEqual([1]);
    // 0.02 away: kept once the tolerance reaches 0.02 / diameter (~0.0089)
    expect([...blockersNear(blockers, 4, ends, 0.01, -1, -1)]).toEqual([1, 2, 3]);
  });

  it('builds hulls and measures distances to them', () => {
    expect(convexHull([0, 0, 1, 0, 1, 1, 0, 1, 0.5, 0.5])).toEqual([0, 0, 1, 0, 1, 1, 0, 1]);
    expect(convexHull([0, 0, 2, 2, 1, 1])).toEqual([0, 0, 2, 2]);
    expect(convexHull([3, 4, 3, 4])).toEqual([3, 4]);
    const square = [0, 0, 1, 0, 1, 1, 0, 1];
    expect(segmentNearConvex(2, 0, 2, 1, square, 0.5)).toBe(false);
    expect(segmentNearConvex(2, 0, 2, 1, square, 1)).toBe(true);
    expect(segmentNearConvex(0.5, 0.5, 0.6, 0.6, square, 0)).toBe(true);
    expect(segmentNearConvex(-1, 0.5, 2, 0.5, square, 0)).toBe(true); // crosses it
    expect(segmentNearConvex(0, 2, 1, 3, [0, 0, 1, 1], 0.5)).toBe(false); // a segment hull
    expect(segmentNearConvex(0, 2, 1, 3, [0, 1.6], 0.5)).toBe(true); // a point hull
  });
});
