/**
 * Linear algebra (dot, matmul, cross, norm, normalize): values against naive
 * loops with broadcast leading / batch axes, gradients against finite
 * differences, and finite gradients at the zero vector.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cross, dot, matmul, mul, norm, normalize, sum } from '../src/primitives/index.js';
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

function tensorArb(shape: number[], values: fc.Arbitrary<number> = valueArb): fc.Arbitrary<Tensor> {
  const n = size(shape);
  return fc.array(values, { minLength: n, maxLength: n }).map((v) => new Tensor(Float64Array.from(v), shape));
}

const valueArb = fc.double({ min: -2, max: 2, noNaN: true });
const leadArb = fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 });

/** A shape broadcasting to `full`: some axes set to 1, some leading axes dropped. */
function broadcastableShapeArb(full: number[]): fc.Arbitrary<number[]> {
  return fc
    .tuple(fc.array(fc.boolean(), { minLength: full.length, maxLength: full.length }), fc.integer({ min: 0, max: full.length }))
    .map(([ones, drop]) => full.map((n, i) => (ones[i] ? 1 : n)).slice(drop));
}

/** Element of `t` at a multi-index of a broadcast shape (aligned on the right, length-1 axes repeated). */
function at(t: Tensor, index: readonly number[]): number {
  let offset = 0;
  const skip = index.length - t.ndim;
  for (let axis = 0; axis < t.ndim; axis++) offset = offset * t.shape[axis]! + (t.shape[axis] === 1 ? 0 : index[axis + skip]!);
  return t.data[offset]!;
}

/** Every multi-index of a shape, row-major. */
function indices(shape: readonly number[]): number[][] {
  let result: number[][] = [[]];
  for (const n of shape) result = result.flatMap((prefix) => Array.from({ length: n }, (_, i) => [...prefix, i]));
  return result;
}

function broadcastOf(a: readonly number[], b: readonly number[]): number[] {
  const ndim = Math.max(a.length, b.length);
  return Array.from({ length: ndim }, (_, i) => Math.max(a[i - ndim + a.length] ?? 1, b[i - ndim + b.length] ?? 1));
}

function expectCloseArrays(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-13): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(close(actual[i]!, expected[i]!, tolerance), `index ${i}: ${actual[i]} vs ${expected[i]}`).toBe(true);
}

/** Two tensors `[...leadA, n]` and `[...leadB, n]` with broadcasting leading axes. */
function lastAxisPairArb(lengths: fc.Arbitrary<number>): fc.Arbitrary<[Tensor, Tensor]> {
  return fc
    .tuple(leadArb, lengths)
    .chain(([lead, n]) => fc.tuple(broadcastableShapeArb(lead), broadcastableShapeArb(lead), fc.constant(n)))
    .chain(([a, b, n]) => fc.tuple(tensorArb([...a, n]), tensorArb([...b, n])));
}

/** Operands of matmul: 1-D or batched 2-D, with broadcasting batch axes. */
const matmulPairArb: fc.Arbitrary<[Tensor, Tensor]> = fc
  .record({ batch: leadArb, n: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: 1, max: 3 }), m: fc.integer({ min: 1, max: 3 }), aVector: fc.boolean(), bVector: fc.boolean() })
  .chain(({ batch, n, k, m, aVector, bVector }) =>
    fc.tuple(broadcastableShapeArb(batch), broadcastableShapeArb(batch)).chain(([aBatch, bBatch]) =>
      fc.tuple(tensorArb(aVector ? [k] : [...aBatch, n, k]), tensorArb(bVector ? [k] : [...bBatch, k, m])),
    ),
  );

function naiveMatmul(a: Tensor, b: Tensor): { shape: number[]; data: number[] } {
  const A = a.ndim === 1 ? new Tensor(a.data, [1, a.size]) : a;
  const B = b.ndim === 1 ? new Tensor(b.data, [b.size, 1]) : b;
  const batch = broadcastOf(A.shape.slice(0, -2), B.shape.slice(0, -2));
  const n = A.shape[A.ndim - 2]!;
  const k = A.shape[A.ndim - 1]!;
  const m = B.shape[B.ndim - 1]!;
  const data: number[] = [];
  for (const index of indices([...batch, n, m])) {
    const prefix = index.slice(0, -2);
    let total = 0;
    for (let p = 0; p < k; p++) total += at(A, [...prefix, index[index.length - 2]!, p]) * at(B, [...prefix, p, index[index.length - 1]!]);
    data.push(total);
  }
  const shape = [...batch];
  if (a.ndim > 1) shape.push(n);
  if (b.ndim > 1) shape.push(m);
  return { shape, data };
}

/** The lanes of an axis of `x`: for each, the flat indices of its elements. */
function lanes(shape: readonly number[], axis: number): number[][] {
  const groups = new Map<string, number[]>();
  indices(shape).forEach((index, flat) => {
    const key = index.filter((_, i) => i !== axis).join(',');
    groups.set(key, [...(groups.get(key) ?? []), flat]);
  });
  return [...groups.values()];
}

/** A tensor with at least one axis and an axis of it (negative half of the time). */
const vectorsArb = fc
  .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 })
  .chain((shape) => fc.tuple(tensorArb(shape), fc.integer({ min: -shape.length, max: shape.length - 1 }), fc.boolean()));

const normalized = (axis: number, ndim: number) => (axis < 0 ? axis + ndim : axis);

// ---- tests ----

describe('dot', () => {
  it('matches a naive reference with broadcast leading axes', () => {
    fc.assert(
      fc.property(lastAxisPairArb(fc.integer({ min: 0, max: 3 })), ([a, b]) => {
        const n = a.shape[a.ndim - 1]!;
        const lead = broadcastOf(a.shape.slice(0, -1), b.shape.slice(0, -1));
        const expected = indices(lead).map((index) => {
          let total = 0;
          for (let j = 0; j < n; j++) total += at(a, [...index, j]) * at(b, [...index, j]);
          return total;
        });
        const y = dot(a, b);
        expect(y.shape).toEqual(lead);
        expectCloseArrays(y.data, expected);
      }),
      RUNS,
    );
  });
  it('gradients match finite differences', () => {
    fc.assert(
      fc.property(lastAxisPairArb(fc.integer({ min: 1, max: 3 })), fc.integer(), ([a, b], seed) => {
        expectVjpMatchesFiniteDifferences((x, y) => dot(x!, y!), [a, b], seed);
      }),
      RUNS,
    );
  });
  it('errors name the op and both shapes', () => {
    expect(() => dot([1, 2], [1, 2, 3])).toThrow('dot: last axes must have the same length, got shapes [2] and [3]');
    expect(() => dot([[1, 2], [3, 4]], [[1, 2], [3, 4], [5, 6]])).toThrow(/dot: cannot broadcast the leading axes of shapes \[2, 2\] and \[3, 2\]/);
    expect(() => dot(1, [1])).toThrow(/dot: .*shapes \[\] and \[1\]/);
  });
});

describe('matmul', () => {
  it('matches a naive reference: 1-D, 2-D and broadcast batches', () => {
    fc.assert(
      fc.property(matmulPairArb, ([a, b]) => {
        const expected = naiveMatmul(a, b);
        const y = matmul(a, b);
        expect(y.shape).toEqual(expected.shape);
        expectCloseArrays(y.data, expected.data);
      }),
      { numRuns: 80 },
    );
  });
  it('gradients match finite differences', () => {
    fc.assert(
      fc.property(matmulPairArb, fc.integer(), ([a, b], seed) => {
        expectVjpMatchesFiniteDifferences((x, y) => matmul(x!, y!), [a, b], seed);
      }),
      { numRuns: 80 },
    );
  });
  it('documented values', () => {
    expect(matmul([[1, 2], [3, 4]], [[5], [6]]).toArray()).toEqual([[17], [39]]);
    expect(matmul([[0, -1], [1, 0]], [1, 0]).toArray()).toEqual([0, 1]);
    expect(matmul([1, 2], [3, 4]).item()).toBe(11);
  });
  it('errors name the op and both shapes', () => {
    expect(() => matmul([[1, 2, 3]], [[1, 2]])).toThrow(/matmul: inner lengths differ: shapes \[1, 3\] and \[1, 2\]/);
    expect(() => matmul(2, [[1]])).toThrow(/matmul: .*shapes \[\] and \[1, 1\]/);
    const a = new Tensor(new Float64Array(2 * 4), [2, 2, 2]);
    const b = new Tensor(new Float64Array(3 * 4), [3, 2, 2]);
    expect(() => matmul(a, b)).toThrow(/matmul: cannot broadcast the leading axes of shapes \[2, 2, 2\] and \[3, 2, 2\]/);
  });
  it('a zero cotangent gives zero gradients even with infinite entries', () => {
    const [, back] = vjp((x: Tensor, y: Tensor) => matmul(x, y), new Tensor(Float64Array.of(Infinity, 1), [1, 2]), new Tensor(Float64Array.of(NaN, 2), [2, 1]));
    const [ga, gb] = back(new Tensor(Float64Array.of(0), [1, 1])) as Tensor[];
    expect([...ga!.data, ...gb!.data].every((v) => v === 0)).toBe(true);
  });
});

describe('cross', () => {
  it('matches a0 b1 - a1 b0 with broadcast leading axes', () => {
    fc.assert(
      fc.property(lastAxisPairArb(fc.constant(2)), ([a, b]) => {
        const lead = broadcastOf(a.shape.slice(0, -1), b.shape.slice(0, -1));
        const expected = indices(lead).map((i) => at(a, [...i, 0]) * at(b, [...i, 1]) - at(a, [...i, 1]) * at(b, [...i, 0]));
        const y = cross(a, b);
        expect(y.shape).toEqual(lead);
        expectCloseArrays(y.data, expected);
      }),
      RUNS,
    );
  });
  it('gradients match finite differences', () => {
    fc.assert(
      fc.property(lastAxisPairArb(fc.constant(2)), fc.integer(), ([a, b], seed) => {
        expectVjpMatchesFiniteDifferences((x, y) => cross(x!, y!), [a, b], seed);
      }),
      RUNS,
    );
  });
  it('is antisymmetric and positive counter-clockwise', () => {
    expect(cross([1, 0], [0, 1]).item()).toBe(1);
    expect(cross([0, 1], [1, 0]).item()).toBe(-1);
  });
  it('errors name the op and both shapes', () => {
    expect(() => cross([1, 2, 3], [1, 2, 3])).toThrow(/cross: last axes must have length 2, got shapes \[3\] and \[3\]/);
  });
});

describe('norm and normalize', () => {
  it('norm matches Math.hypot over a random axis, with keepdims', () => {
    fc.assert(
      fc.property(vectorsArb, ([x, axis, keepdims]) => {
        const a = normalized(axis, x.ndim);
        const y = norm(x, { axis, keepdims });
        expect(y.shape).toEqual(keepdims ? x.shape.map((n, i) => (i === a ? 1 : n)) : x.shape.filter((_, i) => i !== a));
        expectCloseArrays(y.data, lanes(x.shape, a).map((lane) => Math.hypot(...lane.map((i) => x.data[i]!))), 1e-14);
      }),
      RUNS,
    );
  });
  it('normalize matches x / hypot(x) over a random axis', () => {
    fc.assert(
      fc.property(vectorsArb, ([x, axis]) => {
        const expected = new Array<number>(x.size);
        for (const lane of lanes(x.shape, normalized(axis, x.ndim))) {
          const length = Math.hypot(...lane.map((i) => x.data[i]!));
          for (const i of lane) expected[i] = length === 0 ? 0 : x.data[i]! / length;
        }
        const y = normalize(x, { axis });
        expect(y.shape).toEqual(x.shape);
        expectCloseArrays(y.data, expected, 1e-14);
      }),
      RUNS,
    );
  });
  for (const [name, f] of [
    ['norm', (x: Tensor, axis: number, keepdims: boolean) => norm(x, { axis, keepdims })],
    ['normalize', (x: Tensor, axis: number) => normalize(x, { axis })],
  ] as const) {
    it(`${name}: gradient matches finite differences away from the zero vector`, () => {
      fc.assert(
        fc.property(vectorsArb, fc.integer(), ([x, axis, keepdims], seed) => {
          fc.pre(lanes(x.shape, normalized(axis, x.ndim)).every((lane) => Math.hypot(...lane.map((i) => x.data[i]!)) > 0.1));
          expectVjpMatchesFiniteDifferences((t) => f(t, axis, keepdims), [x], seed);
        }),
        RUNS,
      );
    });
  }
  it('the defaults use the last axis', () => {
    expect(norm([[3, 4], [0, 0]]).toArray()).toEqual([5, 0]);
    expect(normalize([[0, 2], [0, 0]]).toArray()).toEqual([[0, 1], [0, 0]]);
  });
  it('norm: finite, zero gradient at the zero vector', () => {
    const g = grad((x: Tensor) => sum(norm(x)))(new Tensor(Float64Array.of(0, 0, 3, 4), [2, 2])) as Tensor;
    expect(g.toArray()).toEqual([[0, 0], [0.6, 0.8]]);
  });
  it('normalize: zero output and finite, zero gradient at the zero vector', () => {
    const weights = new Tensor(Float64Array.of(1, 2, 1, 2), [2, 2]);
    const zero = new Tensor(Float64Array.of(0, 0, 0, 1), [2, 2]);
    expect(normalize(zero).toArray()).toEqual([[0, 0], [0, 1]]);
    const g = grad((x: Tensor) => sum(mul(normalize(x), weights)))(zero) as Tensor;
    expect(g.toArray()).toEqual([[0, 0], [1, 0]]);
  });
  it('stay accurate for huge and tiny coordinates', () => {
    expectCloseArrays(norm([[3e200, 4e200], [3e-200, 4e-200]]).data, [5e200, 5e-200], 1e-15);
    expectCloseArrays(normalize([3e-200, 4e-200]).data, [0.6, 0.8], 1e-15);
    const g = grad((x: Tensor) => sum(norm(x)))(new Tensor(Float64Array.of(3e-200, 4e-200), [2])) as Tensor;
    expectCloseArrays(g.data, [0.6, 0.8], 1e-15);
  });
  it('a bad axis names the op', () => {
    expect(() => norm([1, 2], { axis: 1 })).toThrow(/norm: axis 1 is out of range/);
    expect(() => normalize(3)).toThrow(/normalize: axis -1 is out of range for a tensor with 0 dimension/);
  });
});
