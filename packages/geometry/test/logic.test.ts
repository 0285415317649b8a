import { grad, sum, Tensor, tensor } from '@differt2d/autodiff';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  activation,
  falseValue,
  getApproxDefaults,
  greater,
  greaterEqual,
  isFalse,
  isTrue,
  less,
  lessEqual,
  logicalAll,
  logicalAnd,
  logicalAny,
  logicalNot,
  logicalOr,
  setApproxDefaults,
  trueValue,
  withApprox,
  type ApproxOptions,
} from '../src/logic/index.js';
import { checkGradients } from '../../../test-support/finiteDifferences.js';


const value = fc.double({ min: -2, max: 2, noNaN: true });
const alpha = fc.double({ min: 0.5, max: 200, noNaN: true });
const sigmoidOf = (x: number): number => 1 / (1 + Math.exp(-x));

afterEach(() => {
  // a failing test must not leak changed defaults into the next one
  setApproxDefaults({ approx: false, alpha: 100, activation: 'hardSigmoid' });
});

describe('activation', () => {
  it('applies alpha: relu6(alpha x + 3) / 6, sigmoid(alpha x), or the user function of alpha x', () => {
    fc.assert(
      fc.property(value, alpha, (x, a) => {
        expect(activation(x, { alpha: a }).item()).toBeCloseTo(Math.min(Math.max(a * x + 3, 0), 6) / 6, 12);
        expect(activation(x, { alpha: a, activation: 'sigmoid' }).item()).toBeCloseTo(sigmoidOf(a * x), 12);
        const seen: number[] = [];
        const user = (t: Tensor): Tensor => {
          seen.push(t.item());
          return t;
        };
        activation(x, { alpha: a, activation: user });
        expect(seen[0]).toBeCloseTo(a * x, 12);
      }),
    );
  });
  it('is 0.5 at 0, exactly 0 or 1 beyond 3 / alpha for the hard sigmoid', () => {
    expect(activation(0).item()).toBe(0.5);
    expect(activation(0, { activation: 'sigmoid' }).item()).toBe(0.5);
    expect(activation([-0.03, 0.03]).toArray()).toEqual([0, 1]);
  });
  it('rejects a bad alpha or activation, naming it', () => {
    expect(() => activation(1, { alpha: -1 })).toThrow('activation: alpha must be a finite positive number, got -1');
    expect(() => activation(1, { activation: 'relu' as 'sigmoid' })).toThrow("activation must be 'hardSigmoid', 'sigmoid' or a function");
  });
});

describe('comparisons', () => {
  it('are exact 0/1 masks without approximation, broadcasting', () => {
    fc.assert(
      fc.property(value, value, (x, y) => {
        expect(greater(x, y).item()).toBe(x > y ? 1 : 0);
        expect(greaterEqual(x, y).item()).toBe(x >= y ? 1 : 0);
        expect(less(x, y).item()).toBe(x < y ? 1 : 0);
        expect(lessEqual(x, y).item()).toBe(x <= y ? 1 : 0);
      }),
    );
    expect(greater([[1, 2, 3]], [[2], [0]]).toArray()).toEqual([
      [0, 0, 1],
      [1, 1, 1],
    ]);
    expect(greaterEqual(2, 2).item()).toBe(1);
    expect(greater(2, 2).item()).toBe(0);
  });
  it('are activation(x - y) (greater) and activation(y - x) (less) under approximation', () => {
    fc.assert(
      fc.property(value, value, alpha, fc.constantFrom('hardSigmoid' as const, 'sigmoid' as const), (x, y, a, kind) => {
        const options: ApproxOptions = { approx: true, alpha: a, activation: kind };
        const up = activation(x - y, options).item();
        const down = activation(y - x, options).item();
        expect(greater(x, y, options).item()).toBeCloseTo(up, 12);
        expect(greaterEqual(x, y, options).item()).toBeCloseTo(up, 12);
        expect(less(x, y, options).item()).toBeCloseTo(down, 12);
        expect(lessEqual(x, y, options).item()).toBeCloseTo(down, 12);
      }),
    );
  });
  it('match their hard versions far from the boundary (|x - y| > 3 / alpha)', () => {
    fc.assert(
      fc.property(value, value, alpha, (x, y, a) => {
        fc.pre(Math.abs(x - y) > 3 / a);
        const options = { approx: true, alpha: a };
        expect(greater(x, y, options).item()).toBe(greater(x, y).item());
        expect(greaterEqual(x, y, options).item()).toBe(greaterEqual(x, y).item());
        expect(less(x, y, options).item()).toBe(less(x, y).item());
        expect(lessEqual(x, y, options).item()).toBe(lessEqual(x, y).item());
        // the sigmoid never saturates exactly, but is within e^(-alpha |x - y|) of the hard value
        const sigmoidOptions = { ...options, activation: 'sigmoid' as const };
        expect(Math.abs(greater(x, y, sigmoidOptions).item() - greater(x, y).item())).toBeLessThanOrEqual(Math.exp(-a * Math.abs(x - y)) + 1e-15);
        expect(Math.abs(less(x, y, sigmoidOptions).item() - less(x, y).item())).toBeLessThanOrEqual(Math.exp(-a * Math.abs(x - y)) + 1e-15);
      }),
    );
  });
  it('give no gradient when exact, and the activation slope when smoothed', () => {
    const exact = grad((x: Tensor) => sum(greater(x, 0)))(tensor([0.1, -0.1]));
    expect(exact.toArray()).toEqual([0, 0]);
    const smooth = grad((x: Tensor) => sum(greater(x, 0, { approx: true, alpha: 10 })))(tensor([0.1, -0.1, 1]));
    expect(smooth.data[0]).toBeCloseTo(10 / 6, 14);
    expect(smooth.data[1]).toBeCloseTo(10 / 6, 14);
    expect(smooth.data[2]).toBe(0);
  });
  it('have gradients that match finite differences under approximation (away from kinks)', () => {
    fc.assert(
      fc.property(value, value, fc.double({ min: 0.5, max: 20, noNaN: true }), (x, y, a) => {
        const sigmoidOptions: ApproxOptions = { approx: true, alpha: a, activation: 'sigmoid' };
        for (const op of [greater, greaterEqual, less, lessEqual]) checkGradients((p, q) => op(p!, q!, sigmoidOptions), [x, y]);
        // the hard sigmoid's kinks are at alpha (x - y) = +-3
        fc.pre(Math.abs(Math.abs(a * (x - y)) - 3) > 0.01);
        for (const op of [greater, less]) checkGradients((p, q) => op(p!, q!, { approx: true, alpha: a }), [x, y]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('connectives', () => {
  it('follow the truth tables when exact (any non-zero is true)', () => {
    expect(logicalAnd([0, 0, 1, 2], [0, 3, 0, -1]).toArray()).toEqual([0, 0, 0, 1]);
    expect(logicalOr([0, 0, 1, 2], [0, 3, 0, -1]).toArray()).toEqual([0, 1, 1, 1]);
    expect(logicalNot([0, 1, 2]).toArray()).toEqual([1, 0, 0]);
  });
  it('are min, max and 1 - x under approximation', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const options = { approx: true };
        expect(logicalAnd(a, b, options).item()).toBe(Math.min(a, b));
        expect(logicalOr(a, b, options).item()).toBe(Math.max(a, b));
        expect(logicalNot(a, options).item()).toBe(1 - a);
        // on 0/1 inputs, smoothed and exact logic agree
        const [p, q] = [Math.round(a), Math.round(b)];
        expect(logicalAnd(p, q, options).item()).toBe(logicalAnd(p, q).item());
        expect(logicalOr(p, q, options).item()).toBe(logicalOr(p, q).item());
        expect(logicalNot(p, options).item()).toBe(logicalNot(p).item());
      }),
    );
  });
  it('have gradients that match finite differences under approximation (away from ties)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        fc.pre(Math.abs(a - b) > 1e-3);
        const options = { approx: true };
        checkGradients((p, q) => logicalAnd(p!, q!, options), [a, b]);
        checkGradients((p, q) => logicalOr(p!, q!, options), [a, b]);
        checkGradients((p) => logicalNot(p!, options), [a]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('reductions', () => {
  it('are all / any over axes when exact, min / max under approximation', () => {
    const x = [
      [1, 1, 0.5],
      [0, 1, 0.25],
    ];
    expect(logicalAll(x).item()).toBe(0);
    expect(logicalAll(x, { axis: 0 }).toArray()).toEqual([0, 1, 1]);
    expect(logicalAll(x, { axis: 1, keepdims: true }).toArray()).toEqual([[1], [0]]);
    expect(logicalAny([[0, 0], [0, 2]], { axis: -1 }).toArray()).toEqual([0, 1]);
    expect(logicalAll(x, { axis: 1, approx: true }).toArray()).toEqual([0.5, 0]);
    expect(logicalAny(x, { axis: 0, approx: true }).toArray()).toEqual([1, 1, 0.5]);
  });
  it('give the identity over an empty set (all: 1, any: 0)', () => {
    expect(logicalAll([]).item()).toBe(1);
    expect(logicalAny([], { approx: true }).item()).toBe(0);
    expect(logicalAll(new Tensor(new Float64Array(0), [0, 3]), { axis: 0 }).toArray()).toEqual([1, 1, 1]);
    expect(logicalAny(new Tensor(new Float64Array(0), [2, 0]), { axis: 1, keepdims: true }).toArray()).toEqual([[0], [0]]);
  });
  it('have gradients that match finite differences under approximation (distinct values)', () => {
    fc.assert(
      // distinct multiples of 1e-3: ties (kinks of min / max) stay 10 finite-difference steps away
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 6, maxLength: 6 }), (integers) => {
        const values = integers.map((i) => i / 1000);
        const x = [values.slice(0, 3), values.slice(3)];
        checkGradients((t) => logicalAll(t!, { axis: 1, approx: true }), [x]);
        checkGradients((t) => logicalAny(t!, { approx: true }), [x]);
      }),
      { numRuns: 50 },
    );
  });
});

describe('truth values', () => {
  it('reads booleans: x != 0 when exact, x > 0.5 under approximation', () => {
    expect(isTrue([0, 0.2, -1]).toArray()).toEqual([0, 1, 1]);
    expect(isFalse([0, 0.2, -1]).toArray()).toEqual([1, 0, 0]);
    expect(isTrue([0.4, 0.5, 0.6], { approx: true }).toArray()).toEqual([0, 0, 1]);
    expect(isFalse([0.4, 0.5, 0.6], { approx: true }).toArray()).toEqual([1, 0, 0]);
    expect(trueValue().item()).toBe(1);
    expect(falseValue().item()).toBe(0);
  });
  it('reads a smoothed comparison as its hard version away from the boundary', () => {
    fc.assert(
      fc.property(value, value, (x, y) => {
        fc.pre(Math.abs(x - y) > 1e-9);
        expect(isTrue(greater(x, y, { approx: true }), { approx: true }).item()).toBe(greater(x, y).item());
        expect(isFalse(less(x, y, { approx: true }), { approx: true }).item()).toBe(1 - less(x, y).item());
      }),
    );
  });
});

describe('defaults', () => {
  it('are exact with alpha 100 and the hard sigmoid, and a call option wins over them', () => {
    expect(getApproxDefaults()).toEqual({ approx: false, alpha: 100, activation: 'hardSigmoid' });
    expect(greater(0.001, 0).item()).toBe(1);
    withApprox({ approx: true, alpha: 10 }, () => {
      expect(greater(0.03, 0).item()).toBeCloseTo(0.55, 12);
      expect(greater(0.03, 0, { approx: false }).item()).toBe(1);
      expect(logicalAnd(0.2, 0.7).item()).toBe(0.2);
      expect(isTrue(0.6).item()).toBe(1);
    });
    expect(greater(0.03, 0).item()).toBe(1);
    const previous = setApproxDefaults({ approx: true, activation: 'sigmoid' });
    expect(greater(0, 0).item()).toBe(0.5);
    setApproxDefaults(previous);
    expect(greater(0, 0).item()).toBe(0);
  });
});
