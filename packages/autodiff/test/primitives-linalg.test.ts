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
import { expectCloseArrays, expectEachArgumentAloneMatchesBoth, expectVjpMatchesFiniteDifferences } from './helpers/finiteDifferences.js';
import { broadcastableShapeArb, RUNS, tensorArb } from './helpers/generators.js';
import { at, broadcastOf, indices } from './helpers/references.js';

// ---- helpers ----

const leadArb = fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 });

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
        expectCloseArrays(y.data, expected, 1e-13);
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
  it('differentiating one input alone gives the same gradient as both together', () => {
    fc.assert(
      fc.property(lastAxisPairArb(fc.integer({ min: 1, max: 3 })), ([a, b]) => expectEachArgumentAloneMatchesBoth((x, y) => sum(dot(x, y)), a, b)),
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
        expectCloseArrays(y.data, expected.data, 1e-13);
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
        expectCloseArrays(y.data, expected, 1e-13);
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
  it('differentiating one input alone gives the same gradient as both together', () => {
    fc.assert(
      fc.property(lastAxisPairArb(fc.constant(2)), ([a, b]) => expectEachArgumentAloneMatchesBoth((x, y) => sum(cross(x, y)), a, b)),
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
