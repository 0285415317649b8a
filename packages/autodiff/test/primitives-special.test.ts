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
import { expectVjpMatchesFiniteDifferences } from './helpers/finiteDifferences.js';
import { broadcastPairArb, RUNS, shapeArb, tensorArb } from './helpers/generators.js';
import { naiveBroadcast } from './helpers/references.js';

// ---- helpers ----

/** Two tensors broadcasting together; small integers and NaN so that ties and unordered pairs are frequent. */
const pairValues = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -1, max: 1 }) }, { weight: 1, arbitrary: fc.constant(NaN) });
const pairArb = broadcastPairArb(pairValues, pairValues);

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
          const expected = naiveBroadcast(a, b, (x, y) => (test(x, y) ? 1 : 0));
          const y = op(a, b);
          expect(y.shape).toEqual(expected.shape);
          expect(Array.from(y.data)).toEqual(expected.data);
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
    const arb = shapeArb().chain((shape) => tensorArb(shape, fc.double({ min: -1e3, max: 1e3, noNaN: true })));
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
