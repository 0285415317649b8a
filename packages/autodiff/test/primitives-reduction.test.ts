/**
 * Reductions (sum, mean, prod, min, max): values against a naive reference
 * on random shapes and axes, gradients against finite differences, exact
 * gradients of products with zeros, and ties of min/max split like JAX.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { max, mean, min, prod, sum, type ReduceOptions } from '../src/primitives/index.js';
import { Tensor } from '../src/tensor/tensor.js';
import { grad, vjp } from '../src/transforms/grad.js';
import { expectCloseArrays, expectVjpMatchesFiniteDifferences } from './helpers/finiteDifferences.js';
import { prng, uniformData } from '../../../test-support/generators.js';
import { RUNS, shapeArb, tensorArb, valueArb } from './helpers/generators.js';
import { size } from './helpers/references.js';

// ---- helpers ----

/** Distinct values (at least 0.1 apart), so that min/max have no ties and no kink within finite-difference reach. */
function distinctTensorArb(shape: number[]): fc.Arbitrary<Tensor> {
  const n = size(shape);
  return fc
    .uniqueArray(fc.integer({ min: -60, max: 60 }), { minLength: n, maxLength: n })
    .map((v) => new Tensor(Float64Array.from(v, (k) => k / 10), shape));
}

type ReduceFn = (x: Tensor, axis?: number | readonly number[] | ReduceOptions, keepdims?: boolean) => Tensor;

/** How a reduction is called: axes (undefined: all; a number possibly negative; a list), keepdims, positional or options form. */
interface ReduceCall {
  readonly axis: number | number[] | undefined;
  readonly keepdims: boolean;
  readonly asOptions: boolean;
}

function callArb(ndim: number): fc.Arbitrary<ReduceCall> {
  const single = ndim === 0 ? fc.constant(undefined) : fc.integer({ min: -ndim, max: ndim - 1 });
  const list = fc.subarray(Array.from({ length: ndim }, (_, i) => i)).chain((axes) => fc.shuffledSubarray(axes, { minLength: axes.length, maxLength: axes.length }));
  return fc.record({ axis: fc.oneof(fc.constant(undefined), single, list), keepdims: fc.boolean(), asOptions: fc.boolean() });
}

function invoke(f: ReduceFn, x: Tensor, call: ReduceCall): Tensor {
  return call.asOptions ? f(x, { axis: call.axis, keepdims: call.keepdims }) : f(x, call.axis, call.keepdims);
}

/** The reduced axes of a call, normalised. */
function reducedAxes(ndim: number, axis: number | number[] | undefined): number[] {
  if (axis === undefined) return Array.from({ length: ndim }, (_, i) => i);
  return (typeof axis === 'number' ? [axis] : axis).map((a) => (a < 0 ? a + ndim : a));
}

/** For each element of x, its output element, computed index by index. */
function naiveGroups(shape: readonly number[], axes: readonly number[], keepdims: boolean): { outShape: number[]; groupOf: number[] } {
  const keptShape = shape.map((n, i) => (axes.includes(i) ? 1 : n));
  const outShape = keepdims ? keptShape : shape.filter((_, i) => !axes.includes(i));
  const groupOf: number[] = [];
  for (let flat = 0; flat < size(shape); flat++) {
    let rest = flat;
    const index = new Array<number>(shape.length);
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis] = rest % shape[axis]!;
      rest = Math.floor(rest / shape[axis]!);
    }
    let out = 0;
    for (let axis = 0; axis < shape.length; axis++) out = out * keptShape[axis]! + (axes.includes(axis) ? 0 : index[axis]!);
    groupOf.push(out);
  }
  return { outShape, groupOf };
}

function naiveReduce(x: Tensor, call: ReduceCall, init: number, combine: (acc: number, v: number) => number): { shape: number[]; data: number[] } {
  const axes = reducedAxes(x.ndim, call.axis);
  const { outShape, groupOf } = naiveGroups(x.shape, axes, call.keepdims);
  const data = new Array<number>(size(outShape)).fill(init);
  groupOf.forEach((o, i) => (data[o] = combine(data[o]!, x.data[i]!)));
  return { shape: outShape, data };
}

const shapeWithEmptyArb = shapeArb(0, 3, 0);

const inputAndCall = (shapes: fc.Arbitrary<number[]>, values: (shape: number[]) => fc.Arbitrary<Tensor>) =>
  shapes.chain((shape) => fc.tuple(values(shape), callArb(shape.length)));

// ---- tests ----

describe('reductions against a naive reference', () => {
  const cases: Record<string, { f: ReduceFn; init: number; combine: (acc: number, v: number) => number; empty: boolean }> = {
    sum: { f: sum, init: 0, combine: (acc, v) => acc + v, empty: true },
    prod: { f: prod, init: 1, combine: (acc, v) => acc * v, empty: true },
    min: { f: min, init: Infinity, combine: Math.min, empty: false },
    max: { f: max, init: -Infinity, combine: Math.max, empty: false },
  };
  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: random shapes, axes, keepdims and call forms`, () => {
      fc.assert(
        fc.property(inputAndCall(c.empty ? shapeWithEmptyArb : shapeArb(), (shape) => tensorArb(shape, valueArb)), ([x, call]) => {
          const expected = naiveReduce(x, call, c.init, c.combine);
          const y = invoke(c.f, x, call);
          expect(y.shape).toEqual(expected.shape);
          expectCloseArrays(y.data, expected.data, 1e-13);
        }),
        { numRuns: 80 },
      );
    });
  }

  it('mean: random shapes, axes, keepdims and call forms', () => {
    fc.assert(
      fc.property(inputAndCall(shapeArb(), (shape) => tensorArb(shape, valueArb)), ([x, call]) => {
        const total = naiveReduce(x, call, 0, (acc, v) => acc + v);
        const count = reducedAxes(x.ndim, call.axis).reduce((p, a) => p * x.shape[a]!, 1);
        const y = invoke(mean, x, call);
        expect(y.shape).toEqual(total.shape);
        expectCloseArrays(y.data, total.data.map((v) => v / count), 1e-13);
      }),
      { numRuns: 80 },
    );
  });

  it('documented values', () => {
    expect(mean([[1, 2], [3, 4]]).item()).toBe(2.5);
    expect(prod([[1, 2], [3, 4]], 1).toArray()).toEqual([2, 12]);
    expect(max([[1, 5], [3, 4]], { axis: 1, keepdims: true }).toArray()).toEqual([[5], [4]]);
    expect(min([[1, 5], [3, 4]], 0).toArray()).toEqual([1, 4]);
    expect(max(7).item()).toBe(7);
    expect(min([1e300, 2e300]).item()).toBe(1e300);
    expect(max([-1e300, -Infinity]).item()).toBe(-1e300);
    expect(prod(new Tensor(new Float64Array(0), [0])).item()).toBe(1);
    expect(mean(new Tensor(new Float64Array(0), [0])).item()).toBeNaN();
  });

  it('min and max propagate NaN', () => {
    expect(max([[1, NaN, 3], [1, 2, 3]], 1).toArray()).toEqual([NaN, 3]);
    expect(min([NaN, 1]).item()).toBeNaN();
    expect(min([1, NaN]).item()).toBeNaN();
  });
});

describe('reduction gradients', () => {
  const smooth: Record<string, { f: ReduceFn; values: (shape: number[]) => fc.Arbitrary<Tensor> }> = {
    sum: { f: sum, values: (shape) => tensorArb(shape, valueArb) },
    mean: { f: mean, values: (shape) => tensorArb(shape, valueArb) },
    prod: { f: prod, values: (shape) => tensorArb(shape, valueArb) },
    min: { f: min, values: distinctTensorArb },
    max: { f: max, values: distinctTensorArb },
  };
  for (const [name, c] of Object.entries(smooth)) {
    it(`${name}: gradient matches finite differences`, () => {
      fc.assert(
        fc.property(inputAndCall(shapeArb(), c.values), fc.integer(), ([x, call], seed) => {
          expectVjpMatchesFiniteDifferences((t) => invoke(c.f, t, call), [x], seed);
        }),
        RUNS,
      );
    });
  }

  it('prod: the gradient is the product of the other entries, exactly, with zeros present', () => {
    const values = fc.integer({ min: -2, max: 2 });
    fc.assert(
      fc.property(inputAndCall(shapeArb(), (shape) => tensorArb(shape, values)), fc.integer(), ([x, call], seed) => {
        const axes = reducedAxes(x.ndim, call.axis);
        const { outShape, groupOf } = naiveGroups(x.shape, axes, call.keepdims);
        const cotangent = uniformData(size(outShape), prng(seed));
        const [, back] = vjp((t: Tensor) => invoke(prod, t, call), x);
        const [g] = back(new Tensor(cotangent, outShape)) as Tensor[];
        const expected = groupOf.map((o, i) => {
          let others = 1;
          groupOf.forEach((p, j) => {
            if (p === o && j !== i) others *= x.data[j]!;
          });
          return cotangent[o]! * others;
        });
        expectCloseArrays(g!.data, expected, 1e-15);
      }),
      RUNS,
    );
    expect((grad((t: Tensor) => prod(t))(new Tensor(Float64Array.of(2, 0, 3), [3])) as Tensor).toArray()).toEqual([0, 6, 0]);
    expect((grad((t: Tensor) => prod(t))(new Tensor(Float64Array.of(0, 5, 0), [3])) as Tensor).toArray()).toEqual([0, 0, 0]);
  });

  it('min and max: the cotangent is split equally among ties over all the reduced axes', () => {
    const values = fc.integer({ min: 0, max: 2 });
    for (const [f, combine, init] of [
      [max, Math.max, -Infinity],
      [min, Math.min, Infinity],
    ] as const) {
      fc.assert(
        fc.property(inputAndCall(shapeArb(), (shape) => tensorArb(shape, values)), fc.integer(), ([x, call], seed) => {
          const axes = reducedAxes(x.ndim, call.axis);
          const { outShape, groupOf } = naiveGroups(x.shape, axes, call.keepdims);
          const extreme = naiveReduce(x, call, init, combine).data;
          const ties = extreme.map((e, o) => groupOf.filter((p, i) => p === o && x.data[i] === e).length);
          const cotangent = uniformData(size(outShape), prng(seed));
          const [, back] = vjp((t: Tensor) => invoke(f, t, call), x);
          const [g] = back(new Tensor(cotangent, outShape)) as Tensor[];
          const expected = groupOf.map((o, i) => (x.data[i] === extreme[o] ? cotangent[o]! / ties[o]! : 0));
          expectCloseArrays(g!.data, expected, 1e-15);
        }),
        RUNS,
      );
    }
    // As JAX: one third each, not 1/4, 1/4, 1/2 as reducing one axis after the other would give.
    expect((grad((t: Tensor) => max(t))(new Tensor(Float64Array.of(1, 1, 1, 0), [2, 2])) as Tensor).toArray()).toEqual([
      [1 / 3, 1 / 3],
      [1 / 3, 0],
    ]);
  });

  it('zero cotangents give exact zeros, even with infinite or NaN entries', () => {
    const x = new Tensor(Float64Array.of(Infinity, 0, NaN, -Infinity, 1, 1), [3, 2]);
    for (const f of [sum, mean, prod, min, max] as ReduceFn[]) {
      for (const axis of [undefined, 0, 1]) {
        const [y, back] = vjp((t: Tensor) => f(t, axis), x);
        const [g] = back(new Tensor(new Float64Array((y as Tensor).size), (y as Tensor).shape)) as Tensor[];
        expect(g!.data.every((v) => v === 0), `${f.name} axis ${axis}`).toBe(true);
      }
    }
  });
});

describe('reduction errors', () => {
  it('name the op, the axis and the shape', () => {
    expect(() => mean([[1, 2]], 2)).toThrow(/mean: axis 2 is out of range for a tensor with 2 dimension/);
    expect(() => prod([1, 2], [0, -1])).toThrow(/prod: repeated axis/);
    expect(() => max(new Tensor(new Float64Array(0), [2, 0]), 1)).toThrow(/max: cannot reduce an empty axis of a tensor of shape \[2, 0\]/);
    expect(() => min(new Tensor(new Float64Array(0), [0]))).toThrow(/min: .*shape \[0\]/);
    expect(min(new Tensor(new Float64Array(0), [0, 2]), 1).shape).toEqual([0]);
  });
});
