/**
 * Comparisons (0/1 masks, never recorded) and the special primitives
 * stopGradient and nanToNum.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add, equal, greater, greaterEqual, less, lessEqual, log, mul, nanToNum, notEqual, stopGradient, sum,
} from '../src/primitives/index.js';
import { setDebugNans } from '../src/tape/debug.js';
import { Tensor } from '../src/tensor/tensor.js';
import { grad, vjp } from '../src/transforms/grad.js';

// ---- helpers (test files may not share modules: each group keeps its own copy) ----

const RUNS = { numRuns: 40 };

/** mulberry32: deterministic cotangents and directions from a fast-check seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomData(size: number, next: () => number): Float64Array {
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = 2 * next() - 1;
  return out;
}

function innerProduct(a: Float64Array, b: Float64Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i]! * b[i]!;
  return total;
}

function close(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Compare `<vjp(v), d>` with the central difference of `<v, f(x + t d)>` at
 * t = 0, for a random cotangent v and a random direction d.
 */
function expectVjpMatchesFiniteDifferences(f: (...xs: Tensor[]) => Tensor, inputs: Tensor[], seed: number): void {
  const step = 1e-6;
  const next = prng(seed);
  const [y, back] = vjp(f, ...inputs);
  const cotangent = randomData((y as Tensor).size, next);
  const grads = back(new Tensor(cotangent, (y as Tensor).shape)) as Tensor[];
  const directions = inputs.map((x) => randomData(x.size, next));
  let analytic = 0;
  grads.forEach((g, i) => {
    expect(g.shape).toEqual(inputs[i]!.shape);
    for (const value of g.data) expect(Number.isFinite(value)).toBe(true);
    analytic += innerProduct(g.data, directions[i]!);
  });
  const along = (t: number): number => {
    const moved = inputs.map((x, i) => new Tensor(x.data.map((value, k) => value + t * directions[i]![k]!), x.shape));
    return innerProduct(cotangent, f(...moved).data);
  };
  const numeric = (along(step) - along(-step)) / (2 * step);
  expect(close(analytic, numeric, 1e-6), `analytic ${analytic} vs finite differences ${numeric}`).toBe(true);
}

function size(shape: readonly number[]): number {
  return shape.reduce((p, q) => p * q, 1);
}

function tensorArb(shape: number[], values: fc.Arbitrary<number>): fc.Arbitrary<Tensor> {
  const n = size(shape);
  return fc.array(values, { minLength: n, maxLength: n }).map((v) => new Tensor(Float64Array.from(v), shape));
}

const shapeArb = fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 });

function broadcastableShapeArb(full: number[]): fc.Arbitrary<number[]> {
  return fc
    .tuple(fc.array(fc.boolean(), { minLength: full.length, maxLength: full.length }), fc.integer({ min: 0, max: full.length }))
    .map(([ones, drop]) => full.map((n, i) => (ones[i] ? 1 : n)).slice(drop));
}

/** Two tensors broadcasting together; small integers and NaN so that ties and unordered pairs are frequent. */
const pairArb = shapeArb
  .chain((full) => fc.tuple(broadcastableShapeArb(full), broadcastableShapeArb(full)))
  .chain(([a, b]) => {
    const values = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -1, max: 1 }) }, { weight: 1, arbitrary: fc.constant(NaN) });
    return fc.tuple(tensorArb(a, values), tensorArb(b, values));
  });

/** Every multi-index of a shape, row-major. */
function indices(shape: readonly number[]): number[][] {
  let result: number[][] = [[]];
  for (const n of shape) result = result.flatMap((prefix) => Array.from({ length: n }, (_, i) => [...prefix, i]));
  return result;
}

function at(t: Tensor, index: readonly number[]): number {
  let offset = 0;
  const skip = index.length - t.ndim;
  for (let axis = 0; axis < t.ndim; axis++) offset = offset * t.shape[axis]! + (t.shape[axis] === 1 ? 0 : index[axis + skip]!);
  return t.data[offset]!;
}

// ---- tests ----

describe('comparisons', () => {
  const cases = {
    greater: [greater, (a: number, b: number) => a > b],
    greaterEqual: [greaterEqual, (a: number, b: number) => a >= b],
    less: [less, (a: number, b: number) => a < b],
    lessEqual: [lessEqual, (a: number, b: number) => a <= b],
    equal: [equal, (a: number, b: number) => a === b],
    notEqual: [notEqual, (a: number, b: number) => a !== b],
  } as const;
  for (const [name, [op, test]] of Object.entries(cases)) {
    it(`${name}: 0/1 mask matching a naive broadcast`, () => {
      fc.assert(
        fc.property(pairArb, ([a, b]) => {
          const ndim = Math.max(a.ndim, b.ndim);
          const shape = Array.from({ length: ndim }, (_, i) => Math.max(a.shape[i - ndim + a.ndim] ?? 1, b.shape[i - ndim + b.ndim] ?? 1));
          const y = op(a, b);
          expect(y.shape).toEqual(shape);
          expect(Array.from(y.data)).toEqual(indices(shape).map((index) => (test(at(a, index), at(b, index)) ? 1 : 0)));
        }),
        RUNS,
      );
    });
  }

  it('NaN: unordered, unequal to everything', () => {
    expect(greater([NaN, 1], NaN).toArray()).toEqual([0, 0]);
    expect(lessEqual(NaN, NaN).item()).toBe(0);
    expect(equal(NaN, NaN).item()).toBe(0);
    expect(notEqual(NaN, NaN).item()).toBe(1);
  });

  it('are never recorded and pass no gradient', () => {
    const [, back] = vjp(
      (x: Tensor, y: Tensor) => {
        const mask = greater(x, y);
        expect(mask._tape).toBeNull();
        return add(mask, equal(x, y));
      },
      new Tensor(Float64Array.of(1, 2), [2]),
      new Tensor(Float64Array.of(2, 2), [2]),
    );
    const [gx, gy] = back(new Tensor(Float64Array.of(1, 1), [2])) as Tensor[];
    expect(gx!.toArray()).toEqual([0, 0]);
    expect(gy!.toArray()).toEqual([0, 0]);
  });

  it('errors name the op and both shapes', () => {
    expect(() => lessEqual([1, 2], [1, 2, 3])).toThrow(/lessEqual: cannot broadcast shapes \[2\] and \[3\]/);
    expect(() => notEqual([[1, 2]], [[1], [2], [3]].map(() => [0, 0, 0]))).toThrow(/notEqual: cannot broadcast shapes \[1, 2\] and \[3, 3\]/);
  });
});

describe('stopGradient', () => {
  it('returns the same values, sharing the data, untracked even under grad', () => {
    const x = new Tensor(Float64Array.of(1, 2), [2]);
    const y = stopGradient(x);
    expect(y).not.toBe(x);
    expect(y.data).toBe(x.data);
    expect(stopGradient([[3]]).toArray()).toEqual([[3]]);
    vjp((t: Tensor) => {
      const cut = stopGradient(t);
      expect(t._tape).not.toBeNull();
      expect(cut._tape).toBeNull();
      return cut;
    }, x);
  });
  it('makes its argument a constant for the gradient', () => {
    const g = grad((x: Tensor) => sum(mul(x, stopGradient(x))))(new Tensor(Float64Array.of(3, -2), [2])) as Tensor;
    expect(g.toArray()).toEqual([3, -2]);
    const zero = grad((x: Tensor) => sum(stopGradient(mul(x, x))))(new Tensor(Float64Array.of(3), [1])) as Tensor;
    expect(zero.toArray()).toEqual([0]);
  });
});

describe('nanToNum', () => {
  it('replaces NaN and infinities, with numpy defaults or given values', () => {
    expect(nanToNum([NaN, Infinity, -Infinity, 1.5]).toArray()).toEqual([0, Number.MAX_VALUE, -Number.MAX_VALUE, 1.5]);
    expect(nanToNum([NaN, Infinity, -Infinity], { nan: -1, posinf: 1e9 }).toArray()).toEqual([-1, 1e9, -Number.MAX_VALUE]);
    expect(nanToNum(NaN, { nan: 7 }).item()).toBe(7);
  });
  it('passes the gradient only where the input was finite', () => {
    const x = new Tensor(Float64Array.of(NaN, Infinity, -Infinity, 2, -0), [5]);
    const [, back] = vjp((t: Tensor) => nanToNum(t), x);
    const [g] = back(new Tensor(Float64Array.of(1, 2, 3, 4, 5), [5])) as Tensor[];
    expect(g!.toArray()).toEqual([0, 0, 0, 4, 5]);
  });
  it('gradient matches finite differences on finite inputs', () => {
    const arb = shapeArb.chain((shape) => tensorArb(shape, fc.double({ min: -1e3, max: 1e3, noNaN: true })));
    fc.assert(fc.property(arb, fc.integer(), (x, seed) => expectVjpMatchesFiniteDifferences((t) => nanToNum(t), [x], seed)), RUNS);
  });
  it('cuts the infinite gradient behind a replaced value', () => {
    // log(0) = -Infinity is replaced: its cotangent is 0, so log's 1/x is never taken at 0.
    const previous = setDebugNans(false);
    try {
      const g = grad((x: Tensor) => sum(nanToNum(log(x))))(new Tensor(Float64Array.of(0, 2), [2])) as Tensor;
      expect(g.toArray()).toEqual([0, 0.5]);
    } finally {
      setDebugNans(previous);
    }
  });
});
