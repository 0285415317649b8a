/**
 * Elementwise primitives (arithmetic, math, activations): values against
 * plain Math on random broadcast shapes, gradients against central finite
 * differences, and zero cotangents that stay zero at singular points.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abs, add, atan2, clip, cos, div, exp, greater, hardSigmoid, log, maximum, minimum, mul, neg, notEqual, pow, relu, relu6,
  sigmoid, sin, softplus, sqrt, square, sub, sum, tan, tanh, where,
} from '../src/primitives/index.js';
import { setDebugNans } from '../src/tape/debug.js';
import { Tensor } from '../src/tensor/tensor.js';
import { grad, vjp } from '../src/transforms/grad.js';
import { expectCloseArrays, expectEachArgumentAloneMatchesBoth, expectVjpMatchesFiniteDifferences } from './helpers/finiteDifferences.js';
import { broadcastPairArb, RUNS, shapeArb, tensorArb } from './helpers/generators.js';
import { naiveBroadcast } from './helpers/references.js';

// ---- helpers ----

/** Values at least `margin` away from each kink. */
function valuesAwayFrom(min: number, max: number, kinks: readonly number[], margin = 1e-3): fc.Arbitrary<number> {
  return fc.double({ min, max, noNaN: true }).filter((v) => kinks.every((k) => Math.abs(v - k) > margin));
}

// ---- cases ----

interface UnaryCase {
  readonly op: (x: Tensor) => Tensor;
  readonly reference: (x: number) => number;
  readonly values: fc.Arbitrary<number>;
}

const unaryCases: Record<string, UnaryCase> = {
  neg: { op: neg, reference: (x) => -x, values: valuesAwayFrom(-5, 5, []) },
  square: { op: square, reference: (x) => x * x, values: valuesAwayFrom(-5, 5, []) },
  abs: { op: abs, reference: Math.abs, values: valuesAwayFrom(-5, 5, [0]) },
  exp: { op: exp, reference: Math.exp, values: valuesAwayFrom(-5, 3, []) },
  log: { op: log, reference: Math.log, values: valuesAwayFrom(0.05, 10, []) },
  sqrt: { op: sqrt, reference: Math.sqrt, values: valuesAwayFrom(0.05, 10, []) },
  sin: { op: sin, reference: Math.sin, values: valuesAwayFrom(-5, 5, []) },
  cos: { op: cos, reference: Math.cos, values: valuesAwayFrom(-5, 5, []) },
  tan: { op: tan, reference: Math.tan, values: valuesAwayFrom(-1.3, 1.3, []) },
  tanh: { op: tanh, reference: Math.tanh, values: valuesAwayFrom(-5, 5, []) },
  sigmoid: { op: sigmoid, reference: (x) => 1 / (1 + Math.exp(-x)), values: valuesAwayFrom(-20, 20, []) },
  hardSigmoid: { op: hardSigmoid, reference: (x) => Math.min(Math.max(x + 3, 0), 6) / 6, values: valuesAwayFrom(-5, 5, [-3, 3]) },
  relu: { op: relu, reference: (x) => Math.max(x, 0), values: valuesAwayFrom(-5, 5, [0]) },
  relu6: { op: relu6, reference: (x) => Math.min(Math.max(x, 0), 6), values: valuesAwayFrom(-3, 9, [0, 6]) },
  softplus: { op: softplus, reference: (x) => Math.log(1 + Math.exp(x)), values: valuesAwayFrom(-20, 20, []) },
  clip: { op: (x) => clip(x, -1, 2), reference: (x) => Math.min(Math.max(x, -1), 2), values: valuesAwayFrom(-4, 4, [-1, 2]) },
};

interface BinaryCase {
  readonly op: (a: Tensor, b: Tensor) => Tensor;
  readonly reference: (a: number, b: number) => number;
  readonly a: fc.Arbitrary<number>;
  readonly b: fc.Arbitrary<number>;
  /** Whether a pair is far enough from a kink for finite differences. */
  readonly smooth?: (a: number, b: number) => boolean;
}

const binaryCases: Record<string, BinaryCase> = {
  add: { op: add, reference: (a, b) => a + b, a: valuesAwayFrom(-5, 5, []), b: valuesAwayFrom(-5, 5, []) },
  sub: { op: sub, reference: (a, b) => a - b, a: valuesAwayFrom(-5, 5, []), b: valuesAwayFrom(-5, 5, []) },
  mul: { op: mul, reference: (a, b) => a * b, a: valuesAwayFrom(-5, 5, []), b: valuesAwayFrom(-5, 5, []) },
  div: { op: div, reference: (a, b) => a / b, a: valuesAwayFrom(-5, 5, []), b: fc.oneof(valuesAwayFrom(0.2, 5, []), valuesAwayFrom(-5, -0.2, [])) },
  pow: { op: pow, reference: Math.pow, a: valuesAwayFrom(0.1, 3, []), b: valuesAwayFrom(-2, 2, []) },
  minimum: { op: minimum, reference: Math.min, a: valuesAwayFrom(-5, 5, []), b: valuesAwayFrom(-5, 5, []), smooth: (a, b) => Math.abs(a - b) > 1e-3 },
  maximum: { op: maximum, reference: Math.max, a: valuesAwayFrom(-5, 5, []), b: valuesAwayFrom(-5, 5, []), smooth: (a, b) => Math.abs(a - b) > 1e-3 },
  atan2: { op: atan2, reference: Math.atan2, a: valuesAwayFrom(-5, 5, []), b: valuesAwayFrom(-5, 5, []), smooth: (y, x) => Math.hypot(x, y) > 0.1 && (x > 0 || Math.abs(y) > 1e-3) },
};

describe('unary elementwise primitives', () => {
  for (const [name, c] of Object.entries(unaryCases)) {
    it(`${name}: values match Math elementwise`, () => {
      fc.assert(
        fc.property(shapeArb().chain((shape) => tensorArb(shape, c.values)), (x) => {
          const y = c.op(x);
          expect(y.shape).toEqual(x.shape);
          expectCloseArrays(y.data, Array.from(x.data, c.reference), 1e-13);
        }),
        RUNS,
      );
    });
    it(`${name}: gradient matches finite differences`, () => {
      fc.assert(
        fc.property(shapeArb().chain((shape) => tensorArb(shape, c.values)), fc.integer(), (x, seed) => {
          expectVjpMatchesFiniteDifferences((t) => c.op(t), [x], seed);
        }),
        RUNS,
      );
    });
  }

  it('accept numbers, nested arrays and Float64Arrays', () => {
    expect(exp(0).item()).toBe(1);
    expect(neg([[1], [2]]).toArray()).toEqual([[-1], [-2]]);
    expect(square(Float64Array.of(3)).toArray()).toEqual([9]);
  });

  it('abs, relu, relu6, hardSigmoid and clip follow the documented conventions at their kinks', () => {
    const at = (f: (x: Tensor) => Tensor, xs: number[]) => (grad((x: Tensor) => sum(f(x)))(new Tensor(Float64Array.from(xs), [xs.length])) as Tensor).toArray();
    expect(at(abs, [-2, 0, 3])).toEqual([-1, 0, 1]);
    expect(at(relu, [-1, 0, 2])).toEqual([0, 0, 1]);
    expect(at(relu6, [0, 3, 6, 7])).toEqual([0, 1, 0, 0]);
    expect(at(hardSigmoid, [-3, 0, 3])).toEqual([0, 1 / 6, 0]);
    expect(at((x) => clip(x, 0, 1), [-1, 0, 0.5, 1, 2])).toEqual([0, 1, 1, 1, 0]);
  });

  it('softplus and sigmoid stay finite and accurate at extreme arguments', () => {
    expect(softplus([1000, -1000, -40]).toArray()).toEqual([1000, 0, Math.log1p(Math.exp(-40))]);
    expect(sigmoid([1000, -1000]).toArray()).toEqual([1, 0]);
    const g = grad((x: Tensor) => sum(softplus(x)))(new Tensor(Float64Array.of(1000, -1000), [2])) as Tensor;
    expect(g.toArray()).toEqual([1, 0]);
  });

  it('clip: omitted bounds are open, NaN propagates, bad bounds throw', () => {
    expect(clip([-5, 5, NaN], 0).toArray()).toEqual([0, 5, NaN]);
    expect(clip([-5, 5], undefined, 1).toArray()).toEqual([-5, 1]);
    expect(() => clip([1], 2, 1)).toThrow(/clip: .*min = 2, max = 1/);
  });
});

describe('binary elementwise primitives', () => {
  for (const [name, c] of Object.entries(binaryCases)) {
    it(`${name}: values match a naive broadcast reference`, () => {
      fc.assert(
        fc.property(broadcastPairArb(c.a, c.b), ([a, b]) => {
          const expected = naiveBroadcast(a, b, c.reference);
          const y = c.op(a, b);
          expect(y.shape).toEqual(expected.shape);
          expectCloseArrays(y.data, expected.data, 1e-13);
        }),
        RUNS,
      );
    });
    it(`${name}: gradients (both inputs, broadcast) match finite differences`, () => {
      fc.assert(
        fc.property(broadcastPairArb(c.a, c.b), fc.integer(), ([a, b], seed) => {
          if (c.smooth) fc.pre(naiveBroadcast(a, b, (x, y) => (c.smooth!(x, y) ? 1 : 0)).data.every((ok) => ok === 1));
          expectVjpMatchesFiniteDifferences((x, y) => c.op(x!, y!), [a, b], seed);
        }),
        RUNS,
      );
    });
    it(`${name}: differentiating one input alone gives the same gradient as both together`, () => {
      fc.assert(
        fc.property(broadcastPairArb(c.a, c.b), ([a, b]) => expectEachArgumentAloneMatchesBoth((x, y) => sum(c.op(x, y)), a, b)),
        RUNS,
      );
    });
  }

  it('broadcast failures name the op and both shapes', () => {
    expect(() => sub([1, 2], [1, 2, 3])).toThrow(/sub: cannot broadcast shapes \[2\] and \[3\]/);
    expect(() => pow([[1, 2]], [[1], [2], [3]].map((r) => [r[0]!, r[0]!, r[0]!]))).toThrow(/pow: cannot broadcast shapes \[1, 2\] and \[3, 3\]/);
    expect(() => atan2(new Tensor(new Float64Array(6), [2, 3]), new Tensor(new Float64Array(2), [2]))).toThrow(/atan2: .*\[2, 3\] and \[2\]/);
  });

  it('minimum and maximum split the cotangent in halves on ties', () => {
    const [gaMin, gbMin] = grad((a: Tensor, b: Tensor) => sum(minimum(a, b)), { argnums: [0, 1] })(
      new Tensor(Float64Array.of(1, 2, 3), [3]),
      new Tensor(Float64Array.of(2), []),
    ) as Tensor[];
    expect(gaMin!.toArray()).toEqual([1, 0.5, 0]);
    expect(gbMin!.toArray()).toEqual(1.5);
    const gMax = grad((a: Tensor) => sum(maximum(a, a)))(new Tensor(Float64Array.of(-1, 4), [2])) as Tensor;
    expect(gMax.toArray()).toEqual([1, 1]);
  });

  it('pow: d/db is 0 where a^b or a is 0, d/da is 0 where b is 0', () => {
    const [ga, gb] = grad((a: Tensor, b: Tensor) => sum(pow(a, b)), { argnums: [0, 1] })(
      new Tensor(Float64Array.of(0, 0, 2, 0.5), [4]),
      new Tensor(Float64Array.of(2, 0, 3, 2000), [4]),
    ) as Tensor[];
    expect(ga!.toArray()).toEqual([0, 0, 12, 0]);
    expect(gb!.toArray()).toEqual([0, 0, 8 * Math.log(2), 0]);
  });

  it('pow: only the needed cotangents are computed (no NaN from log of a negative base)', () => {
    const previous = setDebugNans(true);
    try {
      const g = grad((a: Tensor) => sum(pow(a, 2)))(new Tensor(Float64Array.of(-3, 2), [2])) as Tensor;
      expect(g.toArray()).toEqual([-6, 4]);
      // The exponent's gradient at a negative base is NaN, which debug mode reports.
      expect(() => grad((b: Tensor) => sum(pow(-3, b)))(new Tensor(Float64Array.of(2), [1]))).toThrow(/pow/);
    } finally {
      setDebugNans(previous);
    }
  });
});

describe('zero cotangents never produce NaN', () => {
  const vector = (xs: number[]) => new Tensor(Float64Array.from(xs), [xs.length]);

  it('where: each branch differentiated alone gets the cotangent where it is chosen', () => {
    const mask = vector([1, 0, 1]);
    const weights = vector([1, 2, 3]);
    const f = (a: Tensor, b: Tensor) => sum(mul(where(mask, a, b), weights));
    expect((grad(f, { argnums: 0 })(vector([1, 2, 3]), vector([4, 5, 6])) as Tensor).toArray()).toEqual([1, 0, 3]);
    expect((grad(f, { argnums: 1 })(vector([1, 2, 3]), vector([4, 5, 6])) as Tensor).toArray()).toEqual([0, 2, 0]);
    // A scalar branch gets the sum of the cotangents where it is chosen.
    expect(grad((b: number) => sum(mul(where(mask, vector([1, 2, 3]), b), weights)))(0)).toBe(2);
  });

  it('through where: sqrt, log and 1/x at x <= 0', () => {
    const xs = vector([-2, -0, 0, 4]);
    expect((grad((x: Tensor) => sum(where(greater(x, 0), sqrt(x), 0)))(xs) as Tensor).toArray()).toEqual([0, 0, 0, 0.25]);
    expect((grad((x: Tensor) => sum(where(greater(x, 0), log(x), 0)))(xs) as Tensor).toArray()).toEqual([0, 0, 0, 0.25]);
    expect((grad((x: Tensor) => sum(where(notEqual(x, 0), div(1, x), 0)))(xs) as Tensor).toArray()).toEqual([-0.25, 0, 0, -1 / 16]);
  });

  const specials = [0, -0, 1, -1, 1e-320, -1e-320, Infinity, -Infinity, NaN, 1e308, -3, 3, 6];

  it('every unary primitive maps a zero cotangent to exact zeros, even at singular or non-finite inputs', () => {
    for (const [name, c] of Object.entries(unaryCases)) {
      const [, back] = vjp((x: Tensor) => c.op(x), vector(specials));
      const [g] = back(new Tensor(new Float64Array(specials.length), [specials.length])) as Tensor[];
      expect(g!.data.every((v) => v === 0), name).toBe(true);
    }
  });

  it('every binary primitive maps a zero cotangent to exact zeros, even at singular or non-finite inputs', () => {
    const a = specials.flatMap((x) => specials.map(() => x));
    const b = specials.flatMap(() => specials);
    for (const [name, c] of Object.entries(binaryCases)) {
      const [, back] = vjp((x: Tensor, y: Tensor) => c.op(x, y), vector(a), vector(b));
      const [ga, gb] = back(new Tensor(new Float64Array(a.length), [a.length])) as Tensor[];
      expect(ga!.data.every((v) => v === 0), name).toBe(true);
      expect(gb!.data.every((v) => v === 0), name).toBe(true);
    }
  });

  it('atan2 has a finite (zero) gradient at the origin', () => {
    const [gy, gx] = grad((y: Tensor, x: Tensor) => sum(atan2(y, x)), { argnums: [0, 1] })(vector([0, 1]), vector([0, 0])) as Tensor[];
    expect(gy!.toArray()).toEqual([0, 0]);
    expect(gx!.toArray()).toEqual([0, -1]);
  });

  it('atan2 keeps an accurate gradient for huge and tiny coordinates', () => {
    const [gy, gx] = grad((y: Tensor, x: Tensor) => sum(atan2(y, x)), { argnums: [0, 1] })(vector([3e200, 3e-200]), vector([4e200, 4e-200])) as Tensor[];
    expectCloseArrays(gy!.data, [4 / 25 / 1e200, 4 / 25 / 1e-200], 1e-14);
    expectCloseArrays(gx!.data, [-3 / 25 / 1e200, -3 / 25 / 1e-200], 1e-14);
  });
});
