/**
 * Power maps on worker threads (`@differt2d/scene/node`): the same numbers
 * whatever the number of workers, progress, cancellation; and the exactness
 * of the fused kernel's division-free containment test.
 */
import { sigmoid } from '@differt2d/autodiff';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { basicScene, powerGrid, squareSceneWithObstacle, type PowerGrid, type PowerGridOptions } from '../src/index.js';
import { closePowerMapWorkers, powerMapParallel, powerMapWorkerCount } from '../src/node/index.js';
import { parameterOnWall } from '../src/maps/imagePowerKernel.js';
import { sameBits } from '../../../test-support/closeness.js';

afterAll(() => closePowerMapWorkers());

function expectSameMaps(a: PowerGrid, b: PowerGrid): void {
  expect(sameBits(a.x, b.x)).toBe(true);
  expect(sameBits(a.y, b.y)).toBe(true);
  expect(sameBits(a.power, b.power)).toBe(true);
  expect(a.gradient === undefined).toBe(b.gradient === undefined);
  if (a.gradient !== undefined) expect(sameBits(a.gradient, b.gradient!)).toBe(true);
}

describe('powerMapParallel', () => {
  it('gives the same numbers, bit for bit, with 0, 1, 2 and 3 worker threads (fused kernel and autodiff)', async () => {
    const cases: PowerGridOptions[] = [
      { over: 'rx', nx: 37, ny: 29, maxOrder: 2, chunkRows: 3 },
      { over: 'tx', nx: 16, ny: 12, maxOrder: 1, approx: true, gradient: true, chunkRows: 2 },
    ];
    for (const options of cases) {
      const here = powerGrid(basicScene(), options);
      const maps: PowerGrid[] = [];
      for (const workers of [0, 1, 2, 3]) maps.push(await powerMapParallel(basicScene(), { ...options, workers }));
      for (const map of maps) expectSameMaps(map, here);
    }
    // the threads really ran (a failed thread leaves the pool), and are kept for the next map
    expect(powerMapWorkerCount()).toBe(3);
  });

  it('reports progress by rows and stops when aborted', async () => {
    const progress: [number, number][] = [];
    const map = await powerMapParallel(squareSceneWithObstacle(), {
      over: 'rx',
      nx: 20,
      ny: 10,
      chunkRows: 3,
      workers: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(map.power.length).toBe(200);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual([10, 10]);
    expect(progress.length).toBe(4);

    const controller = new AbortController();
    const running = powerMapParallel(basicScene(), {
      over: 'rx',
      nx: 50,
      chunkRows: 1,
      workers: 2,
      onProgress: (done) => {
        if (done >= 3) controller.abort();
      },
      signal: controller.signal,
    });
    await expect(running).rejects.toThrow(/abort/i);
    await expect(powerMapParallel(basicScene(), { over: 'rx', nx: 5, signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
    // the pool is still usable after a cancelled map
    expectSameMaps(await powerMapParallel(basicScene(), { over: 'rx', nx: 9, workers: 2 }), powerGrid(basicScene(), { over: 'rx', nx: 9 }));
  });

  it('splits a map in as many equal chunks per worker as its size allows (at most 4 each, of at least ~4096 points but one each at least)', async () => {
    const chunkSizes = async (nx: number, workers: number, chunkRows?: number): Promise<number[]> => {
      const done: number[] = [];
      await powerMapParallel(basicScene(), { over: 'rx', nx, maxOrder: 1, workers, chunkRows, onProgress: (rows) => done.push(rows) });
      return done.map((rows, k) => rows - (done[k - 1] ?? 0)).sort((a, b) => b - a);
    };
    expect(await chunkSizes(300, 2)).toEqual([38, 38, 38, 38, 38, 38, 38, 34]);
    expect(await chunkSizes(100, 2)).toEqual([50, 50]);
    expect(await chunkSizes(40, 2)).toEqual([20, 20]); // one each, however small
    expect(await chunkSizes(100, 2, 30)).toEqual([30, 30, 30, 10]);
  });

  it('computes in this thread what cannot be sent to workers, and rejects bad options', async () => {
    const options: PowerGridOptions = { over: 'rx', nx: 6, approx: true, activation: (x) => sigmoid(x) };
    expectSameMaps(await powerMapParallel(basicScene(), { ...options, workers: 2 }), powerGrid(basicScene(), options));
    await expect(powerMapParallel(basicScene(), { over: 'rx', nx: 6, workers: -1 })).rejects.toThrow('powerMapParallel: workers must be a non-negative integer, got -1');
    await expect(powerMapParallel(basicScene(), { over: 'rx', nx: 0 })).rejects.toThrow('powerMapParallel: nx must be a positive integer, got 0');
  });
});

describe('the fused kernel', () => {
  it('decides 0 <= num / tt <= 1 without dividing exactly as the division would', () => {
    const double = fc.double({ noNaN: false });
    const positive = fc.oneof(
      fc.double({ min: 2 ** -1000, max: 2 ** 1000, noNaN: true }),
      fc.double({ min: 0.5, max: 4, noNaN: true }),
      fc.constantFrom(1e-310, 2 ** -1001, 2 ** 1001, Number.MAX_VALUE, 5e-324),
    );
    const near = (tt: number) => fc.constantFrom(tt, tt * (1 + 2 ** -52), tt * (1 - 2 ** -53), -5e-324, -0, 0, -tt * 2 ** -1076, -tt * 2 ** -1074);
    fc.assert(
      fc.property(
        positive.chain((tt) => fc.tuple(fc.constant(tt), fc.oneof(double, near(tt)))),
        ([tt, numerator]) => {
          const tiny = tt >= 2 ** -1000 && tt <= 2 ** 1000 ? tt * 2 ** -1000 : NaN;
          const s = numerator / tt;
          expect(parameterOnWall(numerator, tt, tiny)).toBe(s >= 0 && s <= 1);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
