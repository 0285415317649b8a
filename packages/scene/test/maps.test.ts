/**
 * Power maps: grids equal per-point evaluation, asynchronous maps with
 * progress and cancellation, maps in (fake) Web Workers, finite gradients.
 */
import { add, sum, Tensor, valueAndGrad, type TensorLike } from '@differt2d/autodiff';
import { gridOver, Vertex } from '@differt2d/geometry';
import { totalReceivedPower } from '@differt2d/tracer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  basicScene,
  gridChunks,
  powerGrid,
  powerMap,
  powerMapInWorkers,
  resolveGridPlan,
  servePowerMapRequests,
  squareSceneWithObstacle,
  type PowerGrid,
  type PowerGridOptions,
  type PowerMapWorker,
  type PowerMapWorkerScope,
  type Scene,
} from '../src/index.js';
import { sameBits } from '../../../test-support/closeness.js';
import { portablePowerMap } from '../src/maps/index.js';

/** The power at one moving point, summed over the fixed points as the maps define it, through the tracer. */
function powerAt(scene: Scene, options: PowerGridOptions, point: Tensor): Tensor {
  const fixed = [...(options.over === 'rx' ? scene.transmitters : scene.receivers).values()];
  let total: Tensor | null = null;
  for (const f of fixed) {
    const power = options.over === 'rx' ? totalReceivedPower(f.xy, point, scene.objects, options) : totalReceivedPower(point, f.xy, scene.objects, options);
    total = total === null ? power : add(total, power);
  }
  return total!;
}

const unit = fc.double({ min: -0.1, max: 1.1, noNaN: true });
const gridCase = fc.record({
  nx: fc.integer({ min: 1, max: 5 }),
  ny: fc.integer({ min: 1, max: 5 }),
  over: fc.constantFrom('rx' as const, 'tx' as const),
  maxOrder: fc.integer({ min: 0, max: 2 }),
  chunkRows: fc.integer({ min: 1, max: 4 }),
  box: fc.option(fc.tuple(unit, unit, unit, unit), { nil: undefined }),
  extra: fc.boolean(),
  lossTolerance: fc.constantFrom(undefined, 1e-2, 0.3, 2),
  intersectTolerance: fc.constantFrom(undefined, 0, 0.05, -0.01),
  rCoef: fc.constantFrom(undefined, 0.7),
  h: fc.constantFrom(undefined, 0.01),
});

/** The basic scene, with a second transmitter and receiver when asked. */
function sceneOf(extra: boolean): Scene {
  return extra ? basicScene().withTransmitter('tx2', [0.7, 0.8]).withReceiver('rx2', [0.2, 0.6]) : basicScene();
}

describe('powerGrid', () => {
  it('equals per-point evaluation, bit for bit (fused kernel, exact validity)', () => {
    fc.assert(
      fc.property(gridCase, ({ nx, ny, over, maxOrder, chunkRows, box, extra, ...model }) => {
        const scene = sceneOf(extra);
        const bbox: TensorLike | undefined = box === undefined ? undefined : [[box[0], box[1]], [box[2], box[3]]];
        const options: PowerGridOptions = { over, nx, ny, maxOrder, chunkRows, ...model, ...(bbox === undefined ? {} : { bbox }) };
        expect(resolveGridPlan('test', scene, options).kernel).not.toBeNull();
        const map = powerGrid(scene, options);
        const points = bbox === undefined ? scene.grid(nx, ny) : gridOver(bbox, nx, ny);
        expect(map.power.length).toBe(nx * ny);
        for (let j = 0; j < ny; j++) {
          for (let i = 0; i < nx; i++) {
            expect(map.x[i]).toBe(points.data[2 * (j * nx + i)]);
            expect(map.y[j]).toBe(points.data[2 * (j * nx + i) + 1]);
            const expected = powerAt(scene, options, new Tensor(Float64Array.of(map.x[i]!, map.y[j]!), [2])).item();
            expect(Object.is(map.power[j * nx + i], expected)).toBe(true);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('equals per-point evaluation with smoothed validity, and its gradient the per-point gradient', () => {
    fc.assert(
      fc.property(gridCase, fc.boolean(), ({ nx, ny, over, maxOrder, chunkRows, extra }, approx) => {
        const scene = sceneOf(extra);
        const options: PowerGridOptions = { over, nx, ny, maxOrder: Math.min(maxOrder, 1), chunkRows, approx, gradient: true };
        const map = powerGrid(scene, options);
        for (let j = 0; j < ny; j++) {
          for (let i = 0; i < nx; i++) {
            const [value, gradient] = valueAndGrad((p: Tensor) => sum(powerAt(scene, options, p)))(new Tensor(Float64Array.of(map.x[i]!, map.y[j]!), [2]));
            const at = j * nx + i;
            expect(map.power[at]).toBeCloseTo(value.item(), 12);
            expect(map.gradient![2 * at]).toBeCloseTo(gradient.data[0]!, 9);
            expect(map.gradient![2 * at + 1]).toBeCloseTo(gradient.data[1]!, 9);
          }
        }
        // the value is the same with and without the gradient (the tape path vs the kernel)
        if (!approx) expect(sameBits(powerGrid(scene, { ...options, gradient: false }).power, map.power)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it('equals the tracer bit for bit on a larger grid through walls and corners, order <= 2, both ways', () => {
    const scene = basicScene();
    for (const over of ['rx', 'tx'] as const) {
      const options: PowerGridOptions = { over, nx: 41, ny: 36, maxOrder: 2, bbox: [[-0.05, 0], [1, 1.05]] };
      const map = powerGrid(scene, options);
      const points = new Float64Array(2 * 41 * 36);
      for (let j = 0; j < 36; j++) {
        for (let i = 0; i < 41; i++) points.set([map.x[i]!, map.y[j]!], 2 * (j * 41 + i));
      }
      const expected = powerAt(scene, options, new Tensor(points, [41 * 36, 2]));
      expect(sameBits(map.power, expected.data)).toBe(true);
      expect(map.power.filter((p) => p === 0).length).toBeGreaterThan(0); // some points see no valid path
    }
  });

  it('does not depend on the chunks', () => {
    const scene = basicScene();
    const whole = powerGrid(scene, { over: 'rx', nx: 23, ny: 17, maxOrder: 2 });
    for (const chunkRows of [1, 3, 17]) expect(sameBits(powerGrid(scene, { over: 'rx', nx: 23, ny: 17, maxOrder: 2, chunkRows }).power, whole.power)).toBe(true);
    const approx = powerGrid(scene, { over: 'tx', nx: 9, ny: 7, approx: true, gradient: true });
    const rows = powerGrid(scene, { over: 'tx', nx: 9, ny: 7, approx: true, gradient: true, chunkRows: 2 });
    expect(sameBits(rows.power, approx.power)).toBe(true);
    expect(sameBits(rows.gradient!, approx.gradient!)).toBe(true);
  });

  it('has no NaN in value or gradient: basic scene, 50 x 50 TX grid, approx, order <= 1 (DiffeRT2d: 154 NaN)', () => {
    const map = powerGrid(basicScene(), { over: 'tx', nx: 50, maxOrder: 1, approx: true, gradient: true });
    expect(map.gradient!.length).toBe(5000);
    expect(map.power.filter(Number.isNaN).length).toBe(0);
    expect(map.gradient!.filter(Number.isNaN).length).toBe(0);
    expect(map.gradient!.every(Number.isFinite)).toBe(true);
    // the outer walls' rows and columns are on the grid, where DiffeRT2d gives NaN
    expect(map.y[0]).toBe(0);
    expect(map.x[49]).toBe(1);
  });

  it('uses the other tracers and smoothed validity through the tracer (no fused kernel)', () => {
    const scene = squareSceneWithObstacle();
    expect(resolveGridPlan('test', scene, { over: 'rx', nx: 4, method: 'fermat' }).kernel).toBeNull();
    const fermat = powerGrid(scene, { over: 'rx', nx: 6, maxOrder: 1, method: 'fermat' });
    const image = powerGrid(scene, { over: 'rx', nx: 6, maxOrder: 1 });
    fermat.power.forEach((p, i) => expect(p).toBeCloseTo(image.power[i]!, 9));
    // a vertex filtered out of the candidates still lets the kernel run (it does not block)
    expect(resolveGridPlan('test', basicScene().addObjects(new Vertex([0.3, 0.4])), { over: 'rx', nx: 4, filter: [0, 1, 2] }).kernel).not.toBeNull();
  });

  it('rejects bad options at the call, naming them', () => {
    const scene = basicScene();
    expect(() => powerGrid(scene, { over: 'up' as never, nx: 3 })).toThrow("powerGrid: over must be 'rx' or 'tx', got \"up\"");
    expect(() => powerGrid(scene, { over: 'rx', nx: 0 })).toThrow('powerGrid: nx must be a positive integer, got 0');
    expect(() => powerGrid(scene, { over: 'rx', nx: 3, ny: 2.5 })).toThrow('powerGrid: ny must be a positive integer, got 2.5');
    expect(() => powerGrid(scene, { over: 'rx', nx: 3, chunkRows: -1 })).toThrow('powerGrid: chunkRows must be a positive integer');
    expect(() => powerGrid(scene, { over: 'rx', nx: 3, bbox: [0, 1] })).toThrow('powerGrid: bbox must be [[xmin, ymin], [xmax, ymax]]');
    expect(() => powerGrid(scene, { over: 'rx', nx: 3, bbox: [[0, 0], [NaN, 1]] })).toThrow(/bbox/);
    expect(() => powerGrid(scene.withTransmitters({}), { over: 'rx', nx: 3 })).toThrow("powerGrid: the scene has no transmitter; over 'rx' needs at least a transmitter");
    expect(() => powerGrid(scene.withReceivers({}), { over: 'tx', nx: 3 })).toThrow("powerGrid: the scene has no receiver; over 'tx' needs at least a receiver");
    expect(() => powerGrid(scene, { over: 'rx', nx: 3, maxOrder: -2 })).toThrow('maxOrder must be a non-negative integer');
    expect(() => powerGrid(scene, { over: 'rx', nx: 3, gradient: 1 as never })).toThrow('powerGrid: gradient must be a boolean');
  });
});

describe('powerMap (asynchronous)', () => {
  it('gives the same numbers as powerGrid, reports progress after each chunk, and yields to the event loop', async () => {
    const options: PowerGridOptions = { over: 'rx', nx: 30, ny: 20, maxOrder: 2, chunkRows: 6 };
    const progress: [number, number][] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const map = await powerMap(basicScene(), { ...options, onProgress: (done, total) => progress.push([done, total]) });
    clearInterval(timer);
    expect(sameBits(map.power, powerGrid(basicScene(), options).power)).toBe(true);
    expect(progress).toEqual([
      [6, 20],
      [12, 20],
      [18, 20],
      [20, 20],
    ]);
    expect(ticks).toBeGreaterThan(0);
  });

  it("stops when aborted, with the signal's reason", async () => {
    const controller = new AbortController();
    let chunks = 0;
    const running = powerMap(basicScene(), {
      over: 'rx',
      nx: 40,
      chunkRows: 2,
      onProgress: () => {
        if (++chunks === 2) controller.abort();
      },
      signal: controller.signal,
    });
    await expect(running).rejects.toThrow(/abort/i);
    expect(chunks).toBe(2);
    const aborted = AbortSignal.abort(new Error('stop now'));
    await expect(powerMap(basicScene(), { over: 'rx', nx: 4, signal: aborted })).rejects.toThrow('stop now');
    await expect(powerMap(basicScene(), { over: 'rx', nx: 4, onProgress: 3 as never })).rejects.toThrow('powerMap: onProgress must be a function');
  });
});

/** A fake Web Worker: messages are structured-cloned and delivered on a later turn, as a real worker would. */
class FakeWorker implements PowerMapWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  /** Row requests received. */
  rowRequests = 0;
  private readonly scope: PowerMapWorkerScope;

  constructor(private readonly behaviour: 'ok' | 'crash' | 'bad-job' = 'ok') {
    this.scope = {
      postMessage: (message) => {
        const data = structuredClone(message);
        setTimeout(() => this.onmessage?.({ data }));
      },
      onmessage: null,
    };
    servePowerMapRequests(this.scope);
  }

  postMessage(message: unknown): void {
    const data = structuredClone(message) as { type: string; scene?: string };
    if (data.type === 'rows') this.rowRequests++;
    if (this.behaviour === 'bad-job' && data.type === 'job') data.scene = '{"objects": [';
    setTimeout(() => {
      if (this.behaviour === 'crash') this.onerror?.(new Error('the worker crashed'));
      else this.scope.onmessage?.({ data });
    });
  }
}

describe('powerMapInWorkers', () => {
  const options: PowerGridOptions = { over: 'rx', nx: 20, ny: 15, maxOrder: 2, chunkRows: 2 };
  const expected = (): PowerGrid => powerGrid(basicScene(), options);

  it('computes the chunks in the workers, the same numbers as powerGrid whatever the number of workers', async () => {
    for (const count of [1, 3]) {
      const workers = Array.from({ length: count }, () => new FakeWorker());
      const progress: number[] = [];
      const map = await powerMapInWorkers(basicScene(), workers, { ...options, onProgress: (done) => progress.push(done) });
      expect(sameBits(map.power, expected().power)).toBe(true);
      expect(workers.reduce((n, w) => n + w.rowRequests, 0)).toBe(gridChunks({ ny: 15, chunkRows: 2 }).length);
      expect(workers.every((w) => w.rowRequests > 0)).toBe(true);
      expect(progress.at(-1)).toBe(15);
      expect(workers.every((w) => w.onmessage === null)).toBe(true); // handlers restored
    }
    const gradientOptions: PowerGridOptions = { over: 'tx', nx: 8, ny: 5, approx: true, gradient: true, chunkRows: 1, filter: (i) => i !== 2 };
    const inWorkers = await powerMapInWorkers(basicScene(), [new FakeWorker(), new FakeWorker()], gradientOptions);
    const here = powerGrid(basicScene(), gradientOptions);
    expect(sameBits(inWorkers.power, here.power)).toBe(true);
    expect(sameBits(inWorkers.gradient!, here.gradient!)).toBe(true);
  });

  it('gives every worker a chunk before any gets a second one, and sends prune and spatialIndex along', async () => {
    const twoChunks: PowerGridOptions = { over: 'rx', nx: 12, ny: 8, maxOrder: 1, chunkRows: 4, prune: false, spatialIndex: false };
    const workers = [new FakeWorker(), new FakeWorker()];
    const map = await powerMapInWorkers(basicScene(), workers, twoChunks);
    expect(workers.map((w) => w.rowRequests)).toEqual([1, 1]);
    expect(sameBits(map.power, powerGrid(basicScene(), twoChunks).power)).toBe(true);
    const { job } = portablePowerMap('test', basicScene(), twoChunks);
    expect([job.options.prune, job.options.spatialIndex]).toEqual([false, false]);
    expect('prune' in portablePowerMap('test', basicScene(), options).job.options).toBe(false);
  });

  it("hands a crashed worker's chunks to the others, or computes them here when none is left", async () => {
    const healthy = new FakeWorker();
    const map = await powerMapInWorkers(basicScene(), [new FakeWorker('crash'), healthy], options);
    expect(sameBits(map.power, expected().power)).toBe(true);
    expect(healthy.rowRequests).toBe(8);
    const alone = await powerMapInWorkers(basicScene(), [new FakeWorker('crash')], options);
    expect(sameBits(alone.power, expected().power)).toBe(true);
    const none = await powerMapInWorkers(basicScene(), [], options);
    expect(sameBits(none.power, expected().power)).toBe(true);
  });

  it("reports a worker's error, and cancels", async () => {
    await expect(powerMapInWorkers(basicScene(), [new FakeWorker('bad-job')], options)).rejects.toThrow(
      /powerMapInWorkers: a worker failed on rows 0-1: scene JSON: invalid JSON/,
    );
    const controller = new AbortController();
    const running = powerMapInWorkers(basicScene(), [new FakeWorker()], {
      ...options,
      onProgress: () => controller.abort(),
      signal: controller.signal,
    });
    await expect(running).rejects.toThrow(/abort/i);
    await expect(powerMapInWorkers(basicScene(), [new FakeWorker()], { ...options, activation: (x) => x })).rejects.toThrow(
      'powerMapInWorkers: an activation function cannot be sent to workers',
    );
    await expect(powerMapInWorkers(basicScene(), [{} as never], options)).rejects.toThrow('powerMapInWorkers: workers[0] is not a worker');
  });
});
