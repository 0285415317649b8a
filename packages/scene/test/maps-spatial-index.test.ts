/**
 * The spatial index in the scene's maps: power maps (fused kernel and
 * differentiable tracer, over receivers and over transmitters, `powerGrid`
 * and `powerMap`) are the same, bit for bit, with `spatialIndex` on (the
 * default) and off; the plan builds the grid once, only when it applies.
 */
import { SPATIAL_INDEX_MIN_WALLS, Wall } from '@differt2d/geometry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basicScene, powerGrid, powerMap, resolveGridPlan, Scene, type PowerGridOptions } from '../src/index.js';
import { accumulateImagePower, imageKernelSettingsOf } from '../src/maps/imagePowerKernel.js';
import { sameBits } from '../../../test-support/closeness.js';
import { pruningCity } from '../../../test-support/pruningCity.js';
import { boxWalls, smallBoxArb, shortSegmentArb, unitPointArb } from '../../../test-support/randomWalls.js';

type Xy = [number, number];

/** A failing property stops shrinking after a minute (a counterexample is reported all the same). */
const BOUNDED = { interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true, seed: Number(process.env['SPATIAL_SEED'] ?? 20261125) };

const point = unitPointArb;
const shortSegment = shortSegmentArb(point, 0.3);
const box = smallBoxArb(0.85, 0.15);

/** Random scenes of 16 to 40 walls (segments and boxes), one or two TX and RX, orders up to 2 (up to 22 walls for order 2). */
const randomScene = fc.integer({ min: 0, max: 2 }).chain((maxOrder) =>
  fc
    .record({
      segments: fc.array(shortSegment, { minLength: 4, maxLength: maxOrder === 2 ? 22 : 40 }),
      boxes: fc.array(box, { maxLength: 4 }),
      txs: fc.array(point, { minLength: 1, maxLength: 2 }),
      rxs: fc.array(point, { minLength: 1, maxLength: 2 }),
    })
    .map((s) => ({
      walls: [...s.segments.map((xys) => new Wall(xys)), ...s.boxes.flatMap(boxWalls)].slice(0, maxOrder === 2 ? 22 : 40),
      txs: s.txs,
      rxs: s.rxs,
      maxOrder,
    }))
    .filter((s) => s.walls.length >= SPATIAL_INDEX_MIN_WALLS)
    .map((s) => ({
      scene: new Scene({
        transmitters: s.txs.map((xy, i): [string, Xy] => [`tx${i}`, xy]),
        receivers: s.rxs.map((xy, i): [string, Xy] => [`rx${i}`, xy]),
        objects: s.walls,
      }),
      maxOrder: s.maxOrder,
    })),
);

/** The map with and without the index: the same numbers, bit for bit (the gradient too). */
function expectSameMaps(scene: Scene, options: PowerGridOptions): void {
  const indexed = powerGrid(scene, options);
  const brute = powerGrid(scene, { ...options, spatialIndex: false });
  expect(sameBits(indexed.power, brute.power)).toBe(true);
  if (options.gradient === true) expect(sameBits(indexed.gradient!, brute.gradient!)).toBe(true);
}

describe('power maps with the spatial index', () => {
  it('equal maps without it, bit for bit: fused kernel, over RX and over TX, random scenes of 16 to 40 walls', () => {
    let nonZero = 0;
    fc.assert(
      fc.property(randomScene, fc.integer({ min: 1, max: 4 }), ({ scene, maxOrder }, chunkRows) => {
        for (const over of ['rx', 'tx'] as const) {
          const options: PowerGridOptions = { over, nx: 12, ny: 10, maxOrder, chunkRows };
          expect(resolveGridPlan('test', scene, options).kernel?.blockerIndex).not.toBeNull();
          expectSameMaps(scene, options);
          // Without pruning too: every candidate's blocking goes through the grid.
          expectSameMaps(scene, { ...options, prune: false });
          nonZero += powerGrid(scene, options).power.filter((p) => p !== 0).length;
        }
      }),
      { ...BOUNDED, numRuns: 80 },
    );
    expect(nonZero).toBeGreaterThan(2000);
  });

  it('equal maps without it through the differentiable tracer (gradient; exact validity)', () => {
    fc.assert(
      fc.property(randomScene, ({ scene, maxOrder }) => {
        for (const over of ['rx', 'tx'] as const) expectSameMaps(scene, { over, nx: 4, ny: 3, maxOrder: Math.min(maxOrder, 1), gradient: true });
      }),
      { ...BOUNDED, numRuns: 10 },
    );
  });

  it('equal maps without it on a city block of 480 walls, order <= 2, and through powerMap', async () => {
    const city = new Scene({
      transmitters: { tx: [6, 5], tx2: [0.5, 4] },
      receivers: { rx: [1, 1.5], rx2: [5.5, 3] },
      objects: pruningCity(12, 10, 3),
    });
    for (const over of ['rx', 'tx'] as const) expectSameMaps(city, { over, nx: 40, ny: 30, maxOrder: 2 });
    const options: PowerGridOptions = { over: 'rx', nx: 60, ny: 50, maxOrder: 1, chunkRows: 7 };
    const indexed = await powerMap(city, options);
    const brute = await powerMap(city, { ...options, spatialIndex: false });
    expect(sameBits(indexed.power, brute.power)).toBe(true);
    expect(indexed.power.filter((p) => p !== 0).length).toBeGreaterThan(100);
  });

  it('builds the grid only with enough blocking walls and spatialIndex not false', () => {
    const city = new Scene({ transmitters: { tx: [2, 2] }, objects: pruningCity(4, 4) });
    expect(resolveGridPlan('test', city, { over: 'rx', nx: 4 }).kernel!.blockerIndex!.wallCount).toBe(64);
    expect(resolveGridPlan('test', city, { over: 'rx', nx: 4, spatialIndex: false }).kernel!.blockerIndex).toBeNull();
    expect(resolveGridPlan('test', basicScene(), { over: 'rx', nx: 4 }).kernel!.blockerIndex).toBeNull(); // 7 walls: scanned
    expect(() => powerGrid(city, { over: 'rx', nx: 4, spatialIndex: 'no' as unknown as boolean })).toThrow('spatialIndex must be a boolean, got "no"');
  });

  it('accumulateImagePower rejects a grid of other walls or another tolerance', () => {
    const city = new Scene({ transmitters: { tx: [2, 2] }, objects: pruningCity(4, 4) });
    const plan = resolveGridPlan('test', city, { over: 'rx', nx: 4 });
    const other = resolveGridPlan('test', city, { over: 'rx', nx: 4, intersectTolerance: 0.01 });
    const out = new Float64Array(1);
    expect(() =>
      accumulateImagePower(plan.kernel!.scene, [], 2, 2, 'rx', Float64Array.of(1, 1), imageKernelSettingsOf({}), out, undefined, other.kernel!.blockerIndex),
    ).toThrow('accumulateImagePower: blockerIndex must index the scene\'s 64 blocking walls with tolerance 0.005, got 64 walls with tolerance 0.01');
    accumulateImagePower(plan.kernel!.scene, [], 2, 2, 'rx', Float64Array.of(1, 1), imageKernelSettingsOf({}), out, undefined, plan.kernel!.blockerIndex);
    const brute = new Float64Array(1);
    accumulateImagePower(plan.kernel!.scene, [], 2, 2, 'rx', Float64Array.of(1, 1), imageKernelSettingsOf({}), brute);
    expect(sameBits(out, brute)).toBe(true);
  });
});
