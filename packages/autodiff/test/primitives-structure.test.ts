/**
 * Structural primitives (take, slice, concat, stack, transpose, swapAxes,
 * broadcastTo, expandDims, squeeze): values against naive index arithmetic
 * on random shapes, gradients against finite differences, error messages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  broadcastTo, concat, expandDims, mul, reshape, slice, squeeze, stack, sum, swapAxes, take, transpose, type AxisSlice,
} from '../src/primitives/index.js';
import { Tensor } from '../src/tensor/tensor.js';
import { grad, vjp } from '../src/transforms/grad.js';
import { expectVjpMatchesFiniteDifferences } from './helpers/finiteDifferences.js';
import { broadcastableShapeArb, RUNS, shapeArb, tensorArb } from './helpers/generators.js';
import { at, indices } from './helpers/references.js';

// ---- helpers ----

/** Row-major offset of a multi-index. */
function offsetOf(shape: readonly number[], index: readonly number[]): number {
  return index.reduce((offset, i, axis) => offset * shape[axis]! + i, 0);
}

/** The output of `op` built element by element from a map of output multi-indices to values. */
function expectTensor(actual: Tensor, shape: readonly number[], valueAt: (index: number[]) => number): void {
  expect(actual.shape).toEqual(shape);
  expect(Array.from(actual.data)).toEqual(indices(shape).map(valueAt));
}

/** Gradient check of a function of one tensor. */
const checkGradient = (f: (x: Tensor) => Tensor, x: Tensor, seed: number): void => expectVjpMatchesFiniteDifferences((t) => f(t), [x], seed);

// ---- take ----

/** A tensor, an axis, and nested indices (a number, or arrays up to 2 levels) in range, negative ones included. */
const takeArb = shapeArb(1, 3).chain((shape) =>
  fc.integer({ min: 0, max: shape.length - 1 }).chain((axis) => {
    const length = shape[axis]!;
    const index = fc.integer({ min: -length, max: length - 1 });
    return fc.tuple(
      tensorArb(shape),
      fc.constant(axis),
      fc.oneof(index, fc.array(index, { maxLength: 4 }), fc.integer({ min: 0, max: 3 }).chain((n) => fc.array(fc.array(index, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 3 }))),
    );
  }),
);

function indexShape(indicesLike: number | number[] | number[][]): number[] {
  if (typeof indicesLike === 'number') return [];
  if (indicesLike.length === 0 || typeof indicesLike[0] === 'number') return [indicesLike.length];
  return [indicesLike.length, (indicesLike[0] as number[]).length];
}

describe('take', () => {
  it('matches naive gathering along a random axis, with nested and negative indices', () => {
    fc.assert(
      fc.property(takeArb, ([x, axis, idx]) => {
        const shape = indexShape(idx);
        const outShape = [...x.shape.slice(0, axis), ...shape, ...x.shape.slice(axis + 1)];
        expectTensor(take(x, idx, axis), outShape, (index) => {
          const position = index.slice(axis, axis + shape.length);
          let i = typeof idx === 'number' ? idx : (position.reduce<unknown>((level, p) => (level as unknown[])[p], idx) as number);
          if (i < 0) i += x.shape[axis]!;
          return x.data[offsetOf(x.shape, [...index.slice(0, axis), i, ...index.slice(axis + shape.length)])]!;
        });
      }),
      RUNS,
    );
  });
  it('gradient matches finite differences (a scatter-add)', () => {
    fc.assert(
      fc.property(takeArb, fc.integer(), ([x, axis, idx], seed) => checkGradient((t) => take(t, idx, axis), x, seed)),
      RUNS,
    );
    const g = grad((x: Tensor) => sum(take(x, [0, 0, -1, 2])))(new Tensor(new Float64Array(3), [3])) as Tensor;
    expect(g.toArray()).toEqual([2, 0, 2]);
  });
  it('accepts Int32Array and tensor indices, and a negative axis', () => {
    expect(take([[1, 2], [3, 4]], Int32Array.of(1, 0), -1).toArray()).toEqual([[2, 1], [4, 3]]);
    expect(take([10, 20, 30], new Tensor(Float64Array.of(2, 1), [2])).toArray()).toEqual([30, 20]);
    expect(take([[1, 2], [3, 4]], 1).toArray()).toEqual([3, 4]);
  });
  it('errors name the op, the index and the axis length', () => {
    expect(() => take([1, 2, 3], [0, 3])).toThrow('take: index 3 is out of range for axis 0 of length 3');
    expect(() => take([[1, 2, 3]], [-4], 1)).toThrow('take: index -4 is out of range for axis 1 of length 3');
    expect(() => take([1, 2, 3], [0.5])).toThrow(/take: index 0.5/);
    expect(() => take([1, 2], [0], 1)).toThrow(/take: axis 1 is out of range/);
  });
});

// ---- slice ----

/** Python's `range(n)[start:stop:step]`, following the language reference step by step. */
function pythonSlice(n: number, spec: AxisSlice | null | undefined): number[] {
  const step = spec?.[2] ?? 1;
  const result: number[] = [];
  if (step > 0) {
    let start = spec?.[0] ?? 0;
    let stop = spec?.[1] ?? n;
    if (start < 0) start = Math.max(0, start + n);
    if (stop < 0) stop = Math.max(0, stop + n);
    for (let i = Math.min(start, n); i < Math.min(stop, n); i += step) result.push(i);
  } else {
    let start = spec?.[0] ?? n - 1;
    let stop = spec?.[1] ?? null;
    if (start < 0) start += n;
    if (stop !== null && stop < 0) stop += n;
    for (let i = Math.min(start, n - 1); i >= 0 && (stop === null || i > stop); i += step) result.push(i);
  }
  return result;
}

const boundArb = fc.option(fc.integer({ min: -5, max: 5 }));
const axisSliceArb: fc.Arbitrary<AxisSlice | null> = fc.oneof(
  fc.constant(null),
  fc.tuple(boundArb),
  fc.tuple(boundArb, boundArb),
  fc.tuple(boundArb, boundArb, fc.option(fc.integer({ min: -3, max: 3 }).filter((s) => s !== 0))),
);
const sliceArb = shapeArb(0, 3, 0).chain((shape) =>
  fc.tuple(tensorArb(shape), fc.integer({ min: 0, max: shape.length }).chain((n) => fc.array(axisSliceArb, { minLength: n, maxLength: n }))),
);

describe('slice', () => {
  it('agrees with Python on known cases', () => {
    const r5 = [0, 1, 2, 3, 4];
    expect(slice(r5, [[null, null, -2]]).toArray()).toEqual([4, 2, 0]);
    expect(slice(r5, [[3, 0, -1]]).toArray()).toEqual([3, 2, 1]);
    expect(slice(r5, [[-1, -4, -1]]).toArray()).toEqual([4, 3, 2]);
    expect(slice(r5, [[10, 1, -3]]).toArray()).toEqual([4]);
    expect(slice(r5, [[1, 10, 2]]).toArray()).toEqual([1, 3]);
    expect(slice(r5, [[-10, 2]]).toArray()).toEqual([0, 1]);
    expect(slice(r5, [[3, 1]]).toArray()).toEqual([]);
    expect(slice([[1, 2, 3], [4, 5, 6]], [[0, 1], [1]]).toArray()).toEqual([[2, 3]]);
  });
  it('matches a naive per-axis gather on random shapes and specs', () => {
    fc.assert(
      fc.property(sliceArb, ([x, spec]) => {
        const kept = x.shape.map((n, axis) => pythonSlice(n, spec[axis]));
        expectTensor(slice(x, spec), kept.map((k) => k.length), (index) => x.data[offsetOf(x.shape, index.map((i, axis) => kept[axis]![i]!))]!);
      }),
      { numRuns: 100 },
    );
  });
  it('gradient matches finite differences', () => {
    fc.assert(fc.property(sliceArb, fc.integer(), ([x, spec], seed) => checkGradient((t) => slice(t, spec), x, seed)), RUNS);
  });
  it('errors name the op and the shape', () => {
    expect(() => slice([1, 2], [[0], [0]])).toThrow('slice: 2 axis slices given for a tensor of shape [2]');
    expect(() => slice([1, 2], [[0, 2, 0]])).toThrow(/slice: step must be a non-zero integer, got 0 for axis 0/);
    expect(() => slice([1, 2], [[0.5]])).toThrow(/slice: bounds must be integers/);
  });
});

// ---- concat and stack ----

const concatArb = shapeArb(1, 3).chain((shape) =>
  fc.integer({ min: -shape.length, max: shape.length - 1 }).chain((axis) =>
    fc
      .array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 })
      .chain((lengths) => fc.tuple(fc.tuple(...lengths.map((n) => tensorArb(shape.map((m, i) => (i === (axis + shape.length) % shape.length ? n : m))))), fc.constant(axis))),
  ),
);

describe('concat', () => {
  it('matches naive block placement along a random axis', () => {
    fc.assert(
      fc.property(concatArb, ([ts, axis]) => {
        const a = axis < 0 ? axis + ts[0]!.ndim : axis;
        const outShape = ts[0]!.shape.map((n, i) => (i === a ? ts.reduce((total, t) => total + t.shape[a]!, 0) : n));
        expectTensor(concat(ts, axis), outShape, (index) => {
          let position = index[a]!;
          let k = 0;
          while (position >= ts[k]!.shape[a]!) position -= ts[k++]!.shape[a]!;
          return at(ts[k]!, index.map((v, i) => (i === a ? position : v)));
        });
      }),
      RUNS,
    );
  });
  it('gradients match finite differences for every input', () => {
    fc.assert(fc.property(concatArb, fc.integer(), ([ts, axis], seed) => expectVjpMatchesFiniteDifferences((...xs) => concat(xs, axis), ts, seed)), RUNS);
  });
  it('errors name the op and the shapes', () => {
    expect(() => concat([[[1, 2]], [[1, 2, 3]]])).toThrow('concat: shapes [1, 2], [1, 3] must match except along axis 0');
    expect(() => concat([[1], [[1]]])).toThrow(/concat: shapes \[1\], \[1, 1\]/);
    expect(() => concat([1, 2])).toThrow(/concat: scalars cannot be concatenated/);
    expect(() => concat([])).toThrow(/concat: needs at least one tensor/);
  });
  it('a tracked input gets its block of the cotangent, a constant one nothing', () => {
    const weights = new Tensor(Float64Array.of(1, 2, 3, 4, 5), [5]);
    const constant = new Tensor(Float64Array.of(7, 8, 9), [3]);
    const g = grad((x: Tensor) => sum(mul(concat([constant, x]), weights)))(new Tensor(Float64Array.of(1, 2), [2])) as Tensor;
    expect(g.toArray()).toEqual([4, 5]);
  });
});

const stackArb = shapeArb(0, 2).chain((shape) =>
  fc.tuple(fc.array(tensorArb(shape), { minLength: 1, maxLength: 3 }), fc.integer({ min: -shape.length - 1, max: shape.length })),
);

describe('stack', () => {
  it('matches naive stacking along a new random axis', () => {
    fc.assert(
      fc.property(stackArb, ([ts, axis]) => {
        const a = axis < 0 ? axis + ts[0]!.ndim + 1 : axis;
        const outShape = [...ts[0]!.shape];
        outShape.splice(a, 0, ts.length);
        expectTensor(stack(ts, axis), outShape, (index) => at(ts[index[a]!]!, index.filter((_, i) => i !== a)));
      }),
      RUNS,
    );
  });
  it('gradients match finite differences for every input', () => {
    fc.assert(fc.property(stackArb, fc.integer(), ([ts, axis], seed) => expectVjpMatchesFiniteDifferences((...xs) => stack(xs, axis), ts, seed)), RUNS);
  });
  it('errors name the op and the shapes', () => {
    expect(() => stack([[1, 2], [1]])).toThrow('stack: all shapes must be equal, got [2], [1]');
    expect(() => stack([[1, 2]], 2)).toThrow(/stack: axis 2 is out of range/);
  });
});

// ---- transpose, swapAxes ----

const permutationArb = shapeArb(0, 4).chain((shape) =>
  fc.tuple(tensorArb(shape), fc.shuffledSubarray(shape.map((_, i) => i), { minLength: shape.length, maxLength: shape.length })),
);

describe('transpose and swapAxes', () => {
  it('transpose matches naive index permutation', () => {
    fc.assert(
      fc.property(permutationArb, ([x, permutation]) => {
        const inverse = permutation.map((_, i) => permutation.indexOf(i));
        expectTensor(transpose(x, permutation), permutation.map((p) => x.shape[p]!), (index) => at(x, inverse.map((q) => index[q]!)));
      }),
      RUNS,
    );
    expect(transpose([[1, 2, 3], [4, 5, 6]]).toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
  });
  it('swapAxes matches naive index exchange', () => {
    const arb = shapeArb(1, 4).chain((shape) => fc.tuple(tensorArb(shape), fc.integer({ min: -shape.length, max: shape.length - 1 }), fc.integer({ min: -shape.length, max: shape.length - 1 })));
    fc.assert(
      fc.property(arb, ([x, a1, a2]) => {
        const [p, q] = [a1 < 0 ? a1 + x.ndim : a1, a2 < 0 ? a2 + x.ndim : a2];
        const shape = x.shape.map((n, i) => (i === p ? x.shape[q]! : i === q ? x.shape[p]! : n));
        expectTensor(swapAxes(x, a1, a2), shape, (index) => at(x, index.map((v, i) => (i === p ? index[q]! : i === q ? index[p]! : v))));
      }),
      RUNS,
    );
  });
  it('gradient matches finite differences', () => {
    fc.assert(fc.property(permutationArb, fc.integer(), ([x, permutation], seed) => checkGradient((t) => transpose(t, permutation), x, seed)), RUNS);
    const g = grad((x: Tensor) => sum(mul(swapAxes(x, 0, 1), [[1, 10], [100, 1000], [1e4, 1e5]])))(new Tensor(new Float64Array(6), [2, 3])) as Tensor;
    expect(g.toArray()).toEqual([[1, 100, 1e4], [10, 1000, 1e5]]);
  });
  it('errors name the op', () => {
    expect(() => transpose([[1]], [0, 0])).toThrow(/transpose: axes \[0,0\] are not a permutation of the axes of shape \[1, 1\]/);
    expect(() => swapAxes([1], 0, 1)).toThrow(/swapAxes: axis 1 is out of range/);
  });
});

// ---- broadcastTo, expandDims, squeeze ----

const broadcastArb = shapeArb(0, 3).chain((full) => fc.tuple(broadcastableShapeArb(full).chain(tensorArb), fc.constant(full)));

describe('broadcastTo', () => {
  it('matches naive repetition', () => {
    fc.assert(fc.property(broadcastArb, ([x, shape]) => expectTensor(broadcastTo(x, shape), shape, (index) => at(x, index))), RUNS);
  });
  it('gradient (a sum over the repeats) matches finite differences', () => {
    fc.assert(fc.property(broadcastArb, fc.integer(), ([x, shape], seed) => checkGradient((t) => broadcastTo(t, shape), x, seed)), RUNS);
    const g = grad((x: Tensor) => sum(broadcastTo(x, [3, 2])))(new Tensor(new Float64Array(2), [2])) as Tensor;
    expect(g.toArray()).toEqual([3, 3]);
  });
  it('errors name both shapes', () => {
    expect(() => broadcastTo([1, 2], [3])).toThrow('broadcastTo: cannot broadcast shape [2] to [3]');
    expect(() => broadcastTo([[1], [2]], [2])).toThrow('broadcastTo: cannot broadcast shape [2, 1] to [2]');
    expect(() => broadcastTo([1], [-1])).toThrow(/broadcastTo: invalid shape \[-1\]/);
  });
});

describe('expandDims and squeeze', () => {
  it('insert and remove length-1 axes, sharing the data', () => {
    const x = new Tensor(Float64Array.of(1, 2, 3, 4, 5, 6), [2, 3]);
    expect(expandDims(x, 0).shape).toEqual([1, 2, 3]);
    expect(expandDims(x, 2).shape).toEqual([2, 3, 1]);
    expect(expandDims(x, -1).shape).toEqual([2, 3, 1]);
    expect(expandDims(x, -3).shape).toEqual([1, 2, 3]);
    expect(expandDims(x, 1).data).toBe(x.data);
    const y = reshape(x, [1, 2, 1, 3, 1]);
    expect(squeeze(y).shape).toEqual([2, 3]);
    expect(squeeze(y, 2).shape).toEqual([1, 2, 3, 1]);
    expect(squeeze(y, [0, -1]).shape).toEqual([2, 1, 3]);
    expect(squeeze(y).data).toBe(x.data);
    expect(squeeze([[5]]).shape).toEqual([]);
  });
  it('round-trip on random shapes and axes', () => {
    const arb = shapeArb(0, 3).chain((shape) => fc.tuple(tensorArb(shape), fc.integer({ min: -shape.length - 1, max: shape.length })));
    fc.assert(
      fc.property(arb, ([x, axis]) => {
        const expanded = expandDims(x, axis);
        const a = axis < 0 ? axis + x.ndim + 1 : axis;
        expect(expanded.shape[a]).toBe(1);
        expect(squeeze(expanded, a).shape).toEqual(x.shape);
        expect(Array.from(squeeze(expanded, a).data)).toEqual(Array.from(x.data));
      }),
      RUNS,
    );
  });
  it('gradients pass through unchanged', () => {
    const [, back] = vjp((t: Tensor) => squeeze(expandDims(t, 1), 1), new Tensor(Float64Array.of(1, 2), [2]));
    expect((back(new Tensor(Float64Array.of(3, 4), [2]))[0] as Tensor).toArray()).toEqual([3, 4]);
  });
  it('errors name the op, the axis and the shape', () => {
    expect(() => squeeze([[1, 2]], 1)).toThrow('squeeze: axis 1 of shape [1, 2] has length 2, not 1');
    expect(() => expandDims([1], 3)).toThrow(/expandDims: axis 3 is out of range for a tensor with 2 dimension/);
  });
  it('squeeze without length-1 axes returns the tensor itself', () => {
    const x = new Tensor(Float64Array.of(1, 2), [2]);
    expect(squeeze(x)).toBe(x);
  });
});

describe('reshape', () => {
  it('infers one -1 axis from the size', () => {
    const x = new Tensor(Float64Array.of(1, 2, 3, 4, 5, 6), [2, 3]);
    expect(reshape(x, [-1]).shape).toEqual([6]);
    expect(reshape(x, [3, -1]).toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(reshape(x, [-1, 1, 2]).shape).toEqual([3, 1, 2]);
    expect(reshape(x, [3, -1]).data).toBe(x.data);
    // Empty tensors: -1 is 0 when the other axes hold values, and also when they hold none.
    expect(reshape(new Tensor(new Float64Array(0), [0, 3]), [-1, 3]).shape).toEqual([0, 3]);
    expect(reshape(new Tensor(new Float64Array(0), [0]), [0, -1]).shape).toEqual([0, 0]);
  });
  it('passes the gradient back in the input shape', () => {
    const weights = new Tensor(Float64Array.of(1, 2, 3, 4), [4]);
    const g = grad((t: Tensor) => sum(mul(reshape(t, [-1]), weights)))(new Tensor(new Float64Array(4), [2, 2])) as Tensor;
    expect(g.toArray()).toEqual([[1, 2], [3, 4]]);
  });
  it('errors name the shapes and the number of values', () => {
    const x = new Tensor(Float64Array.of(1, 2, 3, 4), [4]);
    expect(() => reshape(x, [-1, -1])).toThrow('reshape: only one axis may be -1, got [-1, -1]');
    expect(() => reshape(x, [3, -1])).toThrow('reshape: cannot reshape a tensor of shape [4] (4 values) into [3, -1]');
    expect(() => reshape(x, [3, 2])).toThrow('reshape: cannot reshape a tensor of shape [4] (4 values) into [3, 2]');
    expect(() => reshape(x, [-2, -1])).toThrow('reshape: cannot reshape a tensor of shape [4] (4 values) into [-2, -1]');
    expect(() => reshape(x, [2.5, -1])).toThrow('reshape: cannot reshape a tensor of shape [4] (4 values) into [2.5, -1]');
  });
});
