/**
 * Pruning and the spatial index together lose nothing: on random scenes
 * large enough for the walls to be indexed, `tracePaths` with its defaults
 * (`prune` and `spatialIndex` on) yields exactly the valid paths of brute
 * force (`{ prune: false, spatialIndex: false }`): the same candidates, the
 * same validity, the same points (within 1e-12), the same total power bit for
 * bit; and the index alone changes no validity at all.
 */
import { Tensor } from '@differt2d/autodiff';
import { SPATIAL_INDEX_MIN_WALLS, Wall } from '@differt2d/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathValidity, pathUnobstructed, totalReceivedPower, tracePaths, type TracePathsOptions } from '../src/index.js';
import { maxDifference, sameBits } from '../../../test-support/closeness.js';
import { boxWalls, smallBoxArb, shortSegmentArb, unitPointArb } from '../../../test-support/randomWalls.js';

type Xy = [number, number];

/** A failing property stops shrinking after a minute (a counterexample is reported all the same). */
const BOUNDED = { interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true, seed: Number(process.env['SPATIAL_SEED'] ?? 20261125) };

/** Brute force: every candidate, every wall tested. */
const BRUTE: TracePathsOptions = { prune: false, spatialIndex: false };

interface RandomScene {
  readonly walls: Wall[];
  readonly tx: Xy;
  readonly rxs: Xy[];
  readonly maxOrder: number;
}

const point = unitPointArb;
const segment = fc.tuple(point, point).filter(([a, b]) => a[0] !== b[0] || a[1] !== b[1]);
const shortSegment = shortSegmentArb(point, 0.25);
const box = smallBoxArb(0.85, 0.15);

/**
 * A scene of at least SPATIAL_INDEX_MIN_WALLS walls in the unit square:
 * long and short free segments and small boxes, with the order drawn first
 * (up to 40 walls for orders <= 1, up to 22 for order 2).
 */
const randomScene: fc.Arbitrary<RandomScene> = fc.integer({ min: 0, max: 2 }).chain((maxOrder) => {
  const most = maxOrder === 2 ? 22 : 40;
  return fc
    .record({
      long: fc.array(segment, { maxLength: 6 }),
      short: fc.array(shortSegment, { maxLength: most }),
      boxes: fc.array(box, { maxLength: 5 }),
      tx: point,
      rxs: fc.array(point, { minLength: 1, maxLength: 6 }),
    })
    .map((s) => ({
      walls: [...s.long, ...s.short].map((xys) => new Wall(xys)).concat(s.boxes.flatMap(boxWalls)).slice(0, most),
      tx: s.tx,
      rxs: s.rxs,
      maxOrder,
    }))
    .filter((s) => s.walls.length >= SPATIAL_INDEX_MIN_WALLS);
});

/** Running totals, to show that the properties bite. */
interface Tally {
  valid: number;
  kept: number;
  all: number;
}

/**
 * Trace with the defaults and by brute force and compare the valid paths;
 * then with the index only (no pruning) against brute force, candidate by
 * candidate, every validity bit.
 */
function expectSameValidPaths(tx: Xy | Xy[], rx: Xy | Xy[], walls: readonly Wall[], maxOrder: number, tally: Tally): void {
  const options: TracePathsOptions = { maxOrder };
  const fast = [...tracePaths(tx, rx, walls, options)];
  const brute = [...tracePaths(tx, rx, walls, { ...options, ...BRUTE })];
  const indexedOnly = [...tracePaths(tx, rx, walls, { ...options, prune: false })];
  expect(indexedOnly.length).toBe(brute.length);
  let next = 0;
  for (let c = 0; c < brute.length; c++) {
    const traced = brute[c]!;
    expect(indexedOnly[c]!.candidate).toEqual(traced.candidate);
    expect(sameBits(indexedOnly[c]!.validity.data, traced.validity.data)).toBe(true);
    const kept = next < fast.length && fast[next]!.candidate.join() === traced.candidate.join() ? fast[next++]! : null;
    const anyValid = traced.validity.data.some((v) => v !== 0);
    if (anyValid) {
      expect(kept, `candidate [${traced.candidate.join(', ')}] holds a valid path but is missing`).not.toBeNull();
      tally.valid++;
    }
    if (kept !== null) {
      expect(sameBits(kept.validity.data, traced.validity.data)).toBe(true);
      expect(maxDifference(kept.paths.points.data, traced.paths.points.data)).toBeLessThanOrEqual(1e-12);
    }
  }
  expect(next).toBe(fast.length);
  tally.kept += fast.length;
  tally.all += brute.length;
  const fastPower = totalReceivedPower(tx, rx, walls, options).data;
  const brutePower = totalReceivedPower(tx, rx, walls, { ...options, ...BRUTE }).data;
  expect(sameBits(fastPower, brutePower)).toBe(true);
}

describe('pruning and the spatial index: the valid paths of brute force', () => {
  it('on random scenes of 16 to 40 walls, one TX, a batch of RX and a single RX, orders 0-2', () => {
    const tally: Tally = { valid: 0, kept: 0, all: 0 };
    fc.assert(
      fc.property(randomScene, ({ walls, tx, rxs, maxOrder }) => {
        expectSameValidPaths(tx, rxs, walls, maxOrder, tally);
        expectSameValidPaths(tx, rxs[0]!, walls, maxOrder, tally);
      }),
      { ...BOUNDED, numRuns: 200 },
    );
    expect(tally.valid).toBeGreaterThan(300);
    expect(tally.kept).toBeLessThan(tally.all / 2);
  });

  it('from a single RX when the TX are batched', () => {
    const tally: Tally = { valid: 0, kept: 0, all: 0 };
    fc.assert(
      fc.property(randomScene, ({ walls, tx, rxs, maxOrder }) => {
        expectSameValidPaths(rxs, tx, walls, maxOrder, tally);
      }),
      { ...BOUNDED, numRuns: 120 },
    );
    expect(tally.valid).toBeGreaterThan(100);
  });

  it('pathUnobstructed and pathValidity: the same answers with and without the index (paths ending on walls, crossing many)', () => {
    let blocked = 0;
    let clear = 0;
    fc.assert(
      fc.property(
        randomScene,
        fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 3 }),
        fc.array(point, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(0.005, 0, 0.05, -0.05),
        ({ walls, tx }, picks, rxs, tolerance) => {
          // Paths TX -> points on walls -> each RX (not specular: only blocking matters here).
          const candidate = picks.map(([index]) => index % walls.length);
          const onWalls: Xy[] = picks.map(([index, s]) => {
            const data = walls[index % walls.length]!.xys.data;
            return [data[0]! + s * (data[2]! - data[0]!), data[1]! + s * (data[3]! - data[1]!)];
          });
          const points = rxs.map((rx) => [tx, ...onWalls, rx]);
          const indexed = pathUnobstructed(points, walls, candidate, { tolerance }).data;
          const brute = pathUnobstructed(points, walls, candidate, { tolerance, spatialIndex: false }).data;
          expect(sameBits(indexed, brute)).toBe(true);
          for (const v of brute) {
            if (v === 0) blocked++;
            else clear++;
          }
          const paths = {
            points: new Tensor(Float64Array.from(points.flat(2)), [rxs.length, candidate.length + 2, 2]),
            loss: new Tensor(new Float64Array(rxs.length), [rxs.length]),
          };
          const validity = pathValidity(paths, walls, candidate, { intersectTolerance: tolerance }).data;
          const bruteValidity = pathValidity(paths, walls, candidate, { intersectTolerance: tolerance, spatialIndex: false }).data;
          expect(sameBits(validity, bruteValidity)).toBe(true);
        },
      ),
      { ...BOUNDED, numRuns: 200 },
    );
    expect(blocked).toBeGreaterThan(200);
    expect(clear).toBeGreaterThan(20);
  });

  it('rejects a spatialIndex that is not a boolean', () => {
    const walls = [new Wall([[0, 0], [1, 0]])];
    expect(() => [...tracePaths([0.5, 0.5], [0.2, 0.5], walls, { spatialIndex: 'yes' as unknown as boolean })]).toThrow(
      'tracePaths: spatialIndex must be a boolean, got "yes"',
    );
    expect(() => pathUnobstructed([[[0, 0], [1, 1]]], walls, [], { spatialIndex: 1 as unknown as boolean })).toThrow(
      'pathUnobstructed: spatialIndex must be a boolean, got 1',
    );
  });
});
