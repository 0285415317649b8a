/**
 * Candidate pruning (`visibleCandidates`, `prune` in `tracePaths`): on
 * random scenes, pruned tracing finds exactly the valid paths of brute
 * force, with the same points, in the same order; it does prune; it steps
 * aside for smoothed validity, other tracers and objects it does not model.
 */
import { RIS, Vertex, Wall, type Interactable } from '@differt2d/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countPathCandidates,
  fermatPaths,
  pathCandidates,
  totalReceivedPower,
  tracePaths,
  visibleCandidates,
  type TracePathsOptions,
} from '../src/index.js';
import { inForwardOrder } from '../src/candidates/forwardOrder.js';
import { maxDifference, sameBits } from '../../../test-support/closeness.js';
import { pruningCity } from '../../../test-support/pruningCity.js';
import { boxWalls, smallBoxArb } from '../../../test-support/randomWalls.js';

type Xy = [number, number];

/** A failing property stops shrinking after a minute (a counterexample is reported all the same). */
const BOUNDED = { interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true };

/** A random scene: free segments and axis-aligned boxes ("buildings") in the unit square. */
interface RandomScene {
  readonly walls: Wall[];
  readonly tx: Xy;
  readonly rxs: Xy[];
  readonly maxOrder: number;
}

// Mostly uniform coordinates, sometimes fast-check's doubles (ends of the range, tiny and subnormal values).
const coordinate = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 2 ** 30 }).map((i) => i / 2 ** 30) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
);
const point = fc.tuple(coordinate, coordinate) as fc.Arbitrary<Xy>;
const segment = fc.tuple(point, point).filter(([a, b]) => a[0] !== b[0] || a[1] !== b[1]);
const box = smallBoxArb(0.8, 0.3);

/** 1 to 30 walls: up to 22 free segments and up to 2 boxes. */
function randomScene(points: fc.Arbitrary<Xy>, segments: fc.Arbitrary<[Xy, Xy]>): fc.Arbitrary<RandomScene> {
  return fc
    .record({
      segments: fc.array(segments, { maxLength: 22, size: 'max' }),
      boxes: fc.array(box, { maxLength: 2 }),
      tx: points,
      rxs: fc.array(points, { minLength: 1, maxLength: 8 }),
      maxOrder: fc.integer({ min: 0, max: 2 }),
    })
    .filter((s) => s.segments.length + s.boxes.length > 0)
    .map((s) => ({
      walls: [...s.segments.map((xys) => new Wall(xys)), ...s.boxes.flatMap(boxWalls)],
      tx: s.tx,
      rxs: s.rxs,
      maxOrder: s.maxOrder,
    }));
}

/** Coordinates on a coarse lattice: TX on wall lines, shared ends, collinear and crossing walls abound. */
const latticeCoordinate = fc.integer({ min: 0, max: 8 }).map((i) => i / 8);
const latticePoint = fc.tuple(latticeCoordinate, latticeCoordinate) as fc.Arbitrary<Xy>;
const latticeSegment = fc.tuple(latticePoint, latticePoint).filter(([a, b]) => a[0] !== b[0] || a[1] !== b[1]);

/** Running totals over a property's runs, to show that pruning did happen. */
interface Tally {
  kept: number;
  all: number;
  valid: number;
}

/**
 * Trace with and without pruning and compare: the pruned candidates are the
 * brute-force ones in the same order less some; every candidate with a
 * valid path is kept, with the same validity and points (within 1e-12);
 * the total received power is the same, bit for bit.
 */
function expectSameValidPaths(tx: Xy | Xy[], rx: Xy | Xy[], walls: readonly Interactable[], options: TracePathsOptions, tally: Tally): void {
  const pruned = [...tracePaths(tx, rx, walls, options)];
  const all = [...tracePaths(tx, rx, walls, { ...options, prune: false })];
  expect(all.length).toBe(countPathCandidates(walls.length, options));
  let next = 0;
  for (const traced of all) {
    const kept = next < pruned.length && pruned[next]!.candidate.join() === traced.candidate.join() ? pruned[next++]! : null;
    const anyValid = traced.validity.data.some((v) => v !== 0);
    if (anyValid) {
      expect(kept, `candidate [${traced.candidate.join(', ')}] holds a valid path but was pruned`).not.toBeNull();
      tally.valid++;
    }
    if (kept !== null) {
      expect(sameBits(kept.validity.data, traced.validity.data)).toBe(true);
      expect(maxDifference(kept.paths.points.data, traced.paths.points.data)).toBeLessThanOrEqual(1e-12);
    }
  }
  // Every pruned candidate was matched, in order: a subsequence of brute force.
  expect(next).toBe(pruned.length);
  tally.kept += pruned.length;
  tally.all += all.length;
  const prunedPower = totalReceivedPower(tx, rx, walls, options).data;
  const allPower = totalReceivedPower(tx, rx, walls, { ...options, prune: false }).data;
  expect(sameBits(prunedPower, allPower)).toBe(true);
}

/** The image of p through the line of a wall. */
function imageThrough(wall: Wall, p: Xy): Xy {
  const [x0, y0, x1, y1] = wall.xys.data as unknown as number[];
  const tx = x1! - x0!;
  const ty = y1! - y0!;
  const length = Math.hypot(tx, ty);
  const nx = ty / length;
  const ny = -tx / length;
  const d = (p[0] - x0!) * nx + (p[1] - y0!) * ny;
  return [p[0] - 2 * d * nx, p[1] - 2 * d * ny];
}

describe('visibleCandidates: no valid path is lost', () => {
  it('on random scenes (walls and boxes), one TX, one or many RX, orders 0-2', () => {
    const tally: Tally = { kept: 0, all: 0, valid: 0 };
    fc.assert(
      fc.property(randomScene(point, segment), ({ walls, tx, rxs, maxOrder }) => {
        expectSameValidPaths(tx, rxs, walls, { maxOrder }, tally);
        expectSameValidPaths(tx, rxs[0]!, walls, { maxOrder }, tally);
      }),
      { ...BOUNDED, numRuns: 300 },
    );
    expect(tally.valid).toBeGreaterThan(200);
    expect(tally.kept).toBeLessThan(tally.all / 2);
  });

  it('from a single RX when the TX are batched (candidates found backwards, given forwards)', () => {
    const tally: Tally = { kept: 0, all: 0, valid: 0 };
    fc.assert(
      fc.property(randomScene(point, segment), ({ walls, tx, rxs, maxOrder }) => {
        expectSameValidPaths(rxs, tx, walls, { maxOrder }, tally);
      }),
      { ...BOUNDED, numRuns: 200 },
    );
    expect(tally.valid).toBeGreaterThan(60);
    expect(tally.kept).toBeLessThan(tally.all);
  });

  it('on lattice scenes full of degenerate cases (sources on wall lines, shared ends, collinear walls)', () => {
    const tally: Tally = { kept: 0, all: 0, valid: 0 };
    fc.assert(
      fc.property(randomScene(latticePoint, latticeSegment), fc.boolean(), ({ walls, tx, rxs, maxOrder }, backwards) => {
        if (backwards) expectSameValidPaths(rxs, tx, walls, { maxOrder }, tally);
        else expectSameValidPaths(tx, rxs, walls, { maxOrder }, tally);
      }),
      { ...BOUNDED, numRuns: 200 },
    );
    expect(tally.valid).toBeGreaterThan(60);
    expect(tally.kept).toBeLessThan(tally.all);
  });

  it('for receivers on the edges of beams: through wall ends, past occluder ends', () => {
    const tally: Tally = { kept: 0, all: 0, valid: 0 };
    fc.assert(
      fc.property(
        randomScene(point, segment),
        fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.double({ min: 0.05, max: 2, noNaN: true }), fc.boolean()), { minLength: 1, maxLength: 6 }),
        ({ walls, tx }, picks) => {
          // Each receiver on the ray from an image of the TX (or the TX) through a wall's end.
          const rxs: Xy[] = picks.map(([index, second, t, direct]) => {
            const wall = walls[index % walls.length]!;
            const data = wall.xys.data;
            const end: Xy = second ? [data[2]!, data[3]!] : [data[0]!, data[1]!];
            const from = direct ? tx : imageThrough(wall, tx);
            return [end[0] + t * (end[0] - from[0]), end[1] + t * (end[1] - from[1])];
          });
          for (const rx of rxs) expectSameValidPaths(tx, rx, walls, { maxOrder: 2 }, tally);
        },
      ),
      { ...BOUNDED, numRuns: 100 },
    );
    expect(tally.valid).toBeGreaterThan(30);
  });

  it('with a negative intersectTolerance (walls hide nothing) and other tolerances', () => {
    const tally: Tally = { kept: 0, all: 0, valid: 0 };
    fc.assert(
      fc.property(
        randomScene(point, segment),
        fc.double({ min: -0.2, max: 0.05, noNaN: true }),
        fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
        ({ walls, tx, rxs, maxOrder }, intersectTolerance, lossTolerance) => {
          expectSameValidPaths(tx, rxs, walls, { maxOrder, intersectTolerance, lossTolerance }, tally);
        },
      ),
      { ...BOUNDED, numRuns: 100 },
    );
    expect(tally.kept).toBeLessThan(tally.all);
  });

  it('keeps filtered-out walls as occluders and never gives them', () => {
    const room = boxWalls({ x: 0, y: 0, w: 1, h: 1 });
    const screen = new Wall([[0.5, 0.1], [0.5, 0.9]]);
    const walls = [...room, screen];
    const filter = [0, 1, 2, 3];
    const kept = [...visibleCandidates(walls, [0.2, 0.5], [[0.8, 0.5], [0.8, 0.5]], { order: 1, filter })];
    // Wall 1 (x = 1) is hidden from the TX by the screen and the ceiling/floor, even filtered out.
    expect(kept).toEqual([[0], [2], [3]]);
    expectSameValidPaths([0.2, 0.5], [0.8, 0.5], walls, { maxOrder: 2, filter }, { kept: 0, all: 0, valid: 0 });
  });
});

describe('visibleCandidates: pruning', () => {
  it('leaves out hidden walls, back faces and beams that miss the receivers', () => {
    const room = boxWalls({ x: 0, y: 0, w: 1, h: 1 });
    const walls = [...room, new Wall([[0.5, 0.1], [0.5, 0.9]])];
    const tx: Xy = [0.2, 0.5];
    const rx: Xy = [0.8, 0.5];
    // Wall 1 is hidden by the screen (rays over and under it end on walls 2 and 0);
    // wall 4's face towards the TX sends rays back to the left, away from the RX.
    expect([...visibleCandidates(walls, tx, [rx, rx], { order: 1 })]).toEqual([[0], [2], [3]]);
    expect([...pathCandidates(walls.length, { order: 1 })]).toHaveLength(5);
    const all = countPathCandidates(walls.length, { maxOrder: 2 });
    const kept = [...visibleCandidates(walls, tx, [rx, rx], { maxOrder: 2 })].length;
    expect(kept).toBeLessThan(all);
    expectSameValidPaths(tx, rx, walls, { maxOrder: 2 }, { kept: 0, all: 0, valid: 0 });
  });

  it('keeps few of the 4 million order-2 candidates of a 2000-wall city', () => {
    const walls = pruningCity(25, 20);
    expect(walls).toHaveLength(2000);
    const tx: Xy = [12, 10]; // a crossing of two streets
    const city: [Xy, Xy] = [[0, 0], [25, 20]];
    const order1 = [...visibleCandidates(walls, tx, city, { order: 1 })];
    const order2 = [...visibleCandidates(walls, tx, city, { order: 2 })];
    // Measured: 149 and 559 (of 2000 and 3,998,000); the bounds leave room for finer bins.
    expect(order1.length).toBeGreaterThan(20);
    expect(order1.length).toBeLessThan(300);
    expect(order2.length).toBeLessThan(2000);
    // The walls seen from the crossing face its two streets.
    for (const [w] of order1) {
      const [x0, y0, x1, y1] = walls[w!]!.xys.data;
      expect(Math.min(Math.abs(x0! - 12), Math.abs(y0! - 10), Math.abs(x1! - 12), Math.abs(y1! - 10))).toBeLessThan(1);
    }
    // Order 3 (8e9 candidates) is searched lazily: its first kept candidate comes at once.
    const first = visibleCandidates(walls, tx, city, { order: 3 }).next();
    expect(first.done).toBe(false);
    expect(first.value).toHaveLength(3);
  });

  it('gives the same candidates, in order, from either end of the paths (one TX, one RX)', () => {
    fc.assert(
      fc.property(randomScene(point, segment), ({ walls, tx, rxs, maxOrder }) => {
        const rx = rxs[0]!;
        const forwards = [...visibleCandidates(walls, tx, [rx, rx], { maxOrder })];
        const backwards = [...visibleCandidates(walls, rx, [tx, tx], { maxOrder, sourceIs: 'rx' })];
        const all = [...pathCandidates(walls.length, { maxOrder })].map((c) => c.join());
        // Both are subsequences of pathCandidates (the same order).
        for (const kept of [forwards, backwards]) {
          let at = 0;
          for (const c of kept) {
            while (at < all.length && all[at] !== c.join()) at++;
            expect(at).toBeLessThan(all.length);
            at++;
          }
        }
      }),
      { ...BOUNDED, numRuns: 60 },
    );
  });

  it('sorts backward candidates into forward order, also beyond exact numeric keys', () => {
    const backwards = [
      [2, 0, 1],
      [0, 1, 2],
      [1, 2, 0],
    ];
    expect([...inForwardOrder(backwards, 3, 3)]).toEqual([
      [0, 2, 1],
      [1, 0, 2],
      [2, 1, 0],
    ]);
    const huge = 1e6; // huge^3 > 2^53: sorted by comparison
    const big = [
      [5, 999_999, 7],
      [5, 1, 7],
      [4, 3, 999_998],
    ];
    expect([...inForwardOrder(big, 3, huge)]).toEqual([
      [7, 1, 5],
      [7, 999_999, 5],
      [999_998, 3, 4],
    ]);
    expect([...inForwardOrder([[3], [1]], 1, 5)]).toEqual([[3], [1]]);
    // Many candidates (the key buffer grows), by both methods, against a plain sort.
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647) % 1000;
    const backward = Array.from({ length: 3000 }, () => [next(), next(), next()]);
    backward.push([...backward[0]!]); // equal candidates cannot come from a search, but sort all the same
    const lexicographic = (x: number[], y: number[]): number => x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
    const expected = backward.map((c) => [...c].reverse()).sort(lexicographic);
    expect([...inForwardOrder(backward, 3, 1000)]).toEqual(expected);
    expect([...inForwardOrder(backward, 3, 2 ** 20)]).toEqual(expected);
  });
});

describe('visibleCandidates: when it steps aside', () => {
  const walls = [...boxWalls({ x: 0, y: 0, w: 1, h: 1 }), new Wall([[0.5, 0.1], [0.5, 0.9]])];
  const tx: Xy = [0.2, 0.5];
  const rx: Xy = [0.8, 0.5];
  const every = countPathCandidates(walls.length, { maxOrder: 2 });

  it('gives every candidate with prune: false, smoothed validity or a loss tolerance above 0.5', () => {
    const region: [Xy, Xy] = [rx, rx];
    expect([...visibleCandidates(walls, tx, region, { maxOrder: 2, prune: false })]).toEqual([...pathCandidates(walls.length, { maxOrder: 2 })]);
    expect([...visibleCandidates(walls, tx, region, { maxOrder: 2, approx: true })]).toHaveLength(every);
    expect([...visibleCandidates(walls, tx, region, { maxOrder: 2, lossTolerance: 0.6 })]).toHaveLength(every);
    expect([...visibleCandidates(walls, tx, region, { maxOrder: 2 })].length).toBeLessThan(every);
  });

  it('traces every candidate under approximation, with another tracer, or with both TX and RX batched', () => {
    expect([...tracePaths(tx, rx, walls, { maxOrder: 2, approx: true })]).toHaveLength(every);
    expect([...tracePaths(tx, rx, walls, { maxOrder: 1, tracer: (t, o, r) => fermatPaths(t, o, r) })]).toHaveLength(
      countPathCandidates(walls.length, { maxOrder: 1 }),
    );
    expect([...tracePaths([tx, [0.3, 0.3]], [rx, [0.7, 0.7]], walls, { maxOrder: 2 })]).toHaveLength(every);
    expect([...tracePaths(tx, rx, walls, { maxOrder: 2 })].length).toBeLessThan(every);
    expect([...tracePaths([tx, [0.3, 0.3]], rx, walls, { maxOrder: 2 })].length).toBeLessThan(every);
  });

  it('keeps every candidate holding an object it does not model (RIS, vertex, wall subclass)', () => {
    class PermissiveWall extends Wall {
      // Accepts points off its segment: pruning cannot know where it reflects.
      override contains(): ReturnType<Wall['contains']> {
        return super.contains([0.5]);
      }
    }
    const objects: Interactable[] = [
      ...walls,
      new RIS([[0.9, 0.2], [0.9, 0.4]]),
      new Vertex([0.5, 0.9]),
      new PermissiveWall([[0.7, 0.95], [0.8, 0.95]]),
    ];
    const unmodelled = new Set([5, 6, 7]);
    const kept = new Set([...visibleCandidates(objects, tx, [rx, rx], { maxOrder: 2 })].map((c) => c.join()));
    let prunedPlain = 0;
    for (const candidate of pathCandidates(objects.length, { maxOrder: 2 })) {
      if (candidate.some((i) => unmodelled.has(i))) expect(kept.has(candidate.join())).toBe(true);
      else if (!kept.has(candidate.join())) prunedPlain++;
    }
    expect(prunedPlain).toBeGreaterThan(0);
  });

  it('checks its arguments at the call', () => {
    expect(() => visibleCandidates(walls, [NaN, 0], [rx, rx])).toThrow('visibleCandidates: source must be [x, y] with finite coordinates, got [null,0]');
    expect(() => visibleCandidates(walls, tx, [rx] as unknown as [Xy, Xy])).toThrow('visibleCandidates: region must be [[xmin, ymin], [xmax, ymax]]');
    expect(() => visibleCandidates(walls, tx, [rx, [1, Infinity]])).toThrow('visibleCandidates: region[1] must be [x, y] with finite coordinates');
    expect(() => visibleCandidates(walls, tx, [rx, rx], { sourceIs: 'both' as 'tx' })).toThrow(`visibleCandidates: sourceIs must be 'tx' or 'rx', got "both"`);
    expect(() => visibleCandidates(walls, tx, [rx, rx], { order: -1 })).toThrow('order must be a non-negative integer, got -1');
    expect(() => visibleCandidates(walls, tx, [rx, rx], { lossTolerance: 0 })).toThrow('visibleCandidates: lossTolerance must be a finite positive number');
    expect(() => visibleCandidates('walls' as unknown as Wall[], tx, [rx, rx])).toThrow('visibleCandidates: objects must be an array');
    expect(() => visibleCandidates(walls, tx, [rx, rx], { prune: 'no' as unknown as boolean })).toThrow('visibleCandidates: prune must be a boolean, got "no"');
    expect(() => tracePaths(tx, rx, walls, { prune: 1 as unknown as boolean })).toThrow('tracePaths: prune must be a boolean, got 1');
    // A region given corner-swapped is the same box.
    expect([...visibleCandidates(walls, tx, [[0.9, 0.6], [0.7, 0.4]], { order: 1 })]).toEqual([
      ...visibleCandidates(walls, tx, [[0.7, 0.4], [0.9, 0.6]], { order: 1 }),
    ]);
  });
});
