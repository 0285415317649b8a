/**
 * Candidate pruning in the scene's operations: power maps (fused kernel and
 * differentiable tracer, over receivers and over transmitters) are the same,
 * bit for bit, with and without pruning; so are the valid paths.
 */
import { Wall } from '@differt2d/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basicScene, powerGrid, Scene, scenePaths, validScenePaths, type PowerGridOptions } from '../src/index.js';
import { sameBits } from '../../../test-support/closeness.js';
import { pruningCity } from '../../../test-support/pruningCity.js';
import { boxWalls, smallBoxArb } from '../../../test-support/randomWalls.js';

type Xy = [number, number];

/** A failing property stops shrinking after a minute (a counterexample is reported all the same). */
const BOUNDED = { interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true };

const coordinate = fc.integer({ min: 0, max: 2 ** 30 }).map((i) => i / 2 ** 30);
const point = fc.tuple(coordinate, coordinate) as fc.Arbitrary<Xy>;
const segment = fc.tuple(point, point).filter(([a, b]) => a[0] !== b[0] || a[1] !== b[1]);
const box = smallBoxArb(0.8, 0.3);

/** Random scenes: 1 to 22 walls (segments and boxes), one or two TX and RX, orders up to 2. */
const randomScene = fc
  .record({
    segments: fc.array(segment, { maxLength: 14, size: 'max' }),
    boxes: fc.array(box, { maxLength: 2 }),
    txs: fc.array(point, { minLength: 1, maxLength: 2 }),
    rxs: fc.array(point, { minLength: 1, maxLength: 2 }),
    maxOrder: fc.integer({ min: 0, max: 2 }),
  })
  .filter((s) => s.segments.length + s.boxes.length > 0)
  .map((s) => ({
    scene: new Scene({
      transmitters: s.txs.map((xy, i): [string, Xy] => [`tx${i}`, xy]),
      receivers: s.rxs.map((xy, i): [string, Xy] => [`rx${i}`, xy]),
      objects: [...s.segments.map((xys) => new Wall(xys)), ...s.boxes.flatMap(boxWalls)],
    }),
    maxOrder: s.maxOrder,
  }));

/** The map with and without pruning: the same numbers, bit for bit (the gradient too). */
function expectSameMaps(scene: Scene, options: PowerGridOptions): void {
  const pruned = powerGrid(scene, options);
  const all = powerGrid(scene, { ...options, prune: false });
  expect(sameBits(pruned.power, all.power)).toBe(true);
  if (options.gradient === true) expect(sameBits(pruned.gradient!, all.gradient!)).toBe(true);
}

describe('power maps with pruning', () => {
  it('equal maps without it, bit for bit: fused kernel, over RX and over TX, random scenes', () => {
    let nonZero = 0;
    fc.assert(
      fc.property(randomScene, fc.integer({ min: 1, max: 4 }), ({ scene, maxOrder }, chunkRows) => {
        for (const over of ['rx', 'tx'] as const) {
          const options: PowerGridOptions = { over, nx: 12, ny: 10, maxOrder, chunkRows };
          expectSameMaps(scene, options);
          nonZero += powerGrid(scene, options).power.filter((p) => p !== 0).length;
        }
      }),
      { ...BOUNDED, numRuns: 80 },
    );
    expect(nonZero).toBeGreaterThan(1000);
  });

  it('equal maps without it through the differentiable tracer (gradient; exact and smoothed validity)', () => {
    fc.assert(
      fc.property(randomScene, fc.boolean(), ({ scene, maxOrder }, approx) => {
        for (const over of ['rx', 'tx'] as const) expectSameMaps(scene, { over, nx: 4, ny: 3, maxOrder: Math.min(maxOrder, 1), gradient: true, approx });
      }),
      { ...BOUNDED, numRuns: 15 },
    );
  });

  it('equal maps without it on a city block of 120 walls, order 2 (14,401 candidates)', () => {
    const city = new Scene({
      transmitters: { tx: [3, 2.5], tx2: [0.5, 4] },
      receivers: { rx: [1, 1.5], rx2: [5.5, 3] },
      objects: pruningCity(6, 5, 7),
    });
    for (const over of ['rx', 'tx'] as const) expectSameMaps(city, { over, nx: 30, ny: 25, maxOrder: 2 });
  });
});

describe('scene paths with pruning', () => {
  it('find the same valid paths, and list the kept candidates of each pair in order', () => {
    fc.assert(
      fc.property(randomScene, ({ scene, maxOrder }) => {
        expect(validScenePaths(scene, { maxOrder })).toEqual(validScenePaths(scene, { maxOrder, prune: false }));
        const all = [...scenePaths(scene, { maxOrder, prune: false })];
        const kept = [...scenePaths(scene, { maxOrder })];
        expect(kept.length).toBeLessThanOrEqual(all.length);
        // The kept paths are a subsequence of all of them (pairs, then candidates, in order), equal where kept.
        let at = 0;
        for (const path of kept) {
          while (at < all.length && !(all[at]!.tx === path.tx && all[at]!.rx === path.rx && all[at]!.candidate.join() === path.candidate.join())) {
            expect(all[at]!.validity).toBe(0);
            at++;
          }
          expect(all[at]).toEqual(path);
          at++;
        }
        for (; at < all.length; at++) expect(all[at]!.validity).toBe(0);
      }),
      { ...BOUNDED, numRuns: 60 },
    );
  });

  it('leave out candidates of the basic scene that hold no valid path', () => {
    const kept = [...scenePaths(basicScene(), { maxOrder: 2 })];
    const all = [...scenePaths(basicScene(), { maxOrder: 2, prune: false })];
    expect(all).toHaveLength(50);
    expect(kept.length).toBeLessThan(all.length);
    expect(validScenePaths(basicScene(), { maxOrder: 2 })).toHaveLength(12); // as DiffeRT2d
  });
});
