/**
 * Shared by the autodiff tests: checking gradients (against central finite
 * differences, and one argument at a time against all at once), and
 * comparing arrays of values with a relative tolerance. The PRNG and the
 * random data come from test-support/generators.ts, shared by every package.
 *
 * @module
 */
import { expect } from 'vitest';
import { Tensor } from '../../src/tensor/tensor.js';
import { grad, vjp } from '../../src/transforms/grad.js';
import { prng, uniformData } from '../../../../test-support/generators.js';

/**
 * The inner product of two arrays of the same length.
 *
 * @example
 * ```ts
 * innerProduct(Float64Array.of(1, 2), Float64Array.of(3, 4)); // 11
 * ```
 */
export function innerProduct(a: Float64Array, b: Float64Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i]! * b[i]!;
  return total;
}

/**
 * Whether `a` and `b` agree to `tolerance`, relative to the larger of them
 * (absolute below 1).
 *
 * @example
 * ```ts
 * close(1, 1 + 1e-12, 1e-10); // true
 * ```
 */
export function close(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Compare `<vjp(v), d>` with the central difference of `<v, f(x + t d)>` at
 * t = 0, for a random cotangent v and a random direction d (both drawn from
 * `seed`); also check that each gradient has its input's shape and is finite.
 *
 * @example
 * ```ts
 * expectVjpMatchesFiniteDifferences((x) => sin(x), [tensor([0.5, 1])], 7);
 * ```
 */
export function expectVjpMatchesFiniteDifferences(f: (...xs: Tensor[]) => Tensor, inputs: Tensor[], seed: number): void {
  const step = 1e-6;
  const next = prng(seed);
  const [y, back] = vjp(f, ...inputs);
  const cotangent = uniformData((y as Tensor).size, next);
  const grads = back(new Tensor(cotangent, (y as Tensor).shape)) as Tensor[];
  const directions = inputs.map((x) => uniformData(x.size, next));
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

/**
 * Expect the gradient of a scalar function of two tensors with respect to
 * each argument alone (only that cotangent is needed) to equal, exactly, the
 * one computed with respect to both at once.
 *
 * @example
 * ```ts
 * expectEachArgumentAloneMatchesBoth((a, b) => sum(mul(a, b)), tensor([1, 2]), tensor([3, 4]));
 * ```
 */
export function expectEachArgumentAloneMatchesBoth(f: (a: Tensor, b: Tensor) => Tensor, a: Tensor, b: Tensor): void {
  const [ga, gb] = grad(f, { argnums: [0, 1] })(a, b) as Tensor[];
  expect(Array.from((grad(f, { argnums: 0 })(a, b) as Tensor).data)).toEqual(Array.from(ga!.data));
  expect(Array.from((grad(f, { argnums: 1 })(a, b) as Tensor).data)).toEqual(Array.from(gb!.data));
}

/**
 * Expect arrays of the same length, equal entry by entry to `tolerance`
 * (see `close`); where the expected value is NaN, the actual one must be NaN.
 *
 * @example
 * ```ts
 * expectCloseArrays(y.data, [1, NaN, 3], 1e-14);
 * ```
 */
export function expectCloseArrays(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(e)) expect(a).toBeNaN();
    else expect(close(a, e, tolerance), `index ${i}: ${a} vs ${e}`).toBe(true);
  }
}
