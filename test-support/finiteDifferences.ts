/**
 * Gradient checks against finite differences, for tests: every entry of
 * every argument against Richardson-extrapolated central differences, or one
 * random direction at a time.
 *
 * Dev-only: imported by relative path from tests, never from a library
 * source file.
 *
 * @module
 */
import { grad, mul, sum, Tensor, tensor, type TensorLike } from '@differt2d/autodiff';
import { expect } from 'vitest';
import { uniformData } from './generators.js';

/** Options of `expectGradientsMatchFiniteDifferences`. */
export interface FiniteDifferenceOptions {
  /** The larger step `h` of the central differences (the other is h / 2); default 1e-4. */
  readonly step?: number;
  /** The absolute part of the tolerance; default 1e-9. */
  readonly absolute?: number;
}

/**
 * Expect the reverse-mode gradient of a scalar function of tensors to be
 * finite and to match, for every entry of every argument, central
 * differences with steps h and h / 2, Richardson-extrapolated (error
 * O(h^4)): `|numeric - analytic| <= 1e-6 max(|numeric|, |analytic|) + absolute`.
 *
 * @example
 * ```ts
 * expectGradientsMatchFiniteDifferences((x) => sum(square(x!)), [[1, 2]]);
 * expectGradientsMatchFiniteDifferences(objective, [tx, rx], { step: 1e-5, absolute: 1e-8 });
 * ```
 */
export function expectGradientsMatchFiniteDifferences(
  f: (...args: Tensor[]) => Tensor,
  args: readonly TensorLike[],
  options: FiniteDifferenceOptions = {},
): void {
  const h = options.step ?? 1e-4;
  const absolute = options.absolute ?? 1e-9;
  const inputs = args.map((a) => tensor(a));
  const analytic = grad(f, { argnums: inputs.map((_, i) => i) })(...inputs) as Tensor[];
  inputs.forEach((input, a) => {
    for (let i = 0; i < input.size; i++) {
      const at = (delta: number): number => {
        const data = input.data.slice();
        data[i] = data[i]! + delta;
        const xs = inputs.slice();
        xs[a] = new Tensor(data, input.shape);
        return f(...xs).item();
      };
      const central = (step: number): number => (at(step) - at(-step)) / (2 * step);
      const numeric = (4 * central(h / 2) - central(h)) / 3;
      const exact = analytic[a]!.data[i]!;
      expect(Number.isFinite(exact), `argument ${a}[${i}] gradient is ${exact}`).toBe(true);
      expect(Math.abs(numeric - exact), `argument ${a}[${i}]: analytic ${exact}, finite differences ${numeric}`).toBeLessThanOrEqual(
        1e-6 * Math.max(Math.abs(numeric), Math.abs(exact)) + absolute,
      );
    }
  });
}

/**
 * `fn`'s output (any shape) weighted by the fixed weights `1.5 + cos(k + 1)`
 * and summed: a scalar that depends on every entry of the output.
 *
 * @example
 * ```ts
 * weightedSum((x) => x!)(tensor([1, 1])).item(); // 1.5 + cos(1) + 1.5 + cos(2)
 * ```
 */
export function weightedSum(fn: (...args: Tensor[]) => Tensor): (...args: Tensor[]) => Tensor {
  return (...xs) => {
    const out = fn(...xs);
    const weights = new Tensor(Float64Array.from({ length: out.size }, (_, k) => 1.5 + Math.cos(k + 1)), out.shape);
    return sum(mul(out, weights));
  };
}

/**
 * Check the reverse-mode gradient of `fn` (any output shape, made scalar by
 * `weightedSum`) against Richardson-extrapolated central differences with
 * step `h`, for every entry of every argument: relative error at most 1e-6
 * (see `expectGradientsMatchFiniteDifferences`).
 *
 * @example
 * ```ts
 * checkGradients((w) => new Wall(w!).normal(), [[[0, 0], [1, 0.5]]]);
 * ```
 */
export function checkGradients(fn: (...args: Tensor[]) => Tensor, args: readonly TensorLike[], h = 1e-4): void {
  expectGradientsMatchFiniteDifferences(weightedSum(fn), args, { step: h });
}

/** One directional-derivative comparison. */
export interface DirectionalCheck {
  /** `<grad f, d>` from reverse mode. */
  readonly analytic: number;
  /** The central difference, Richardson-extrapolated from steps 1e-5 and 5e-6 (error O(h^4)). */
  readonly numeric: number;
  /** `sum |g_i d_i|`: the size of the terms of `<grad f, d>`, the scale its rounding errors follow. */
  readonly scale: number;
  /**
   * Whether f looks smooth there: the central differences with the two
   * steps agree to 1e-4 of the scale, and the forward and backward
   * differences with steps 1e-6 and 1e-7 to 1e-3. A kink (hard sigmoid,
   * min, max) within a step of the point makes them disagree by much more;
   * smooth curvature by much less.
   */
  readonly smooth: boolean;
  /** Every gradient value is finite. */
  readonly finite: boolean;
}

/**
 * Compare the gradient of a scalar function of several tensors, along a
 * random direction `d` (one Float64Array per argument, uniform in [-1, 1)
 * from `next`), with central finite differences.
 *
 * @example
 * ```ts
 * const check = directionalCheck((x) => sum(square(x)), [tensor([1, 2])], prng(1));
 * gradientError(check) < 1e-6; // true
 * ```
 */
export function directionalCheck(f: (...args: Tensor[]) => Tensor, args: readonly Tensor[], next: () => number): DirectionalCheck {
  const argnums = args.map((_, i) => i);
  const gradients = grad(f, { argnums })(...args) as Tensor[];
  const directions = args.map((a) => uniformData(a.size, next));
  let analytic = 0;
  let scale = 0;
  let finite = true;
  gradients.forEach((g, i) => {
    for (let k = 0; k < g.size; k++) {
      if (!Number.isFinite(g.data[k]!)) finite = false;
      analytic += g.data[k]! * directions[i]![k]!;
      scale += Math.abs(g.data[k]! * directions[i]![k]!);
    }
  });
  const along = (t: number): number => {
    const moved = args.map((a, i) => new Tensor(a.data.map((v, k) => v + t * directions[i]![k]!), a.shape));
    return f(...moved).item();
  };
  const central = (h: number): number => (along(h) - along(-h)) / (2 * h);
  const coarse = central(1e-5);
  const fine = central(5e-6);
  const numeric = (4 * fine - coarse) / 3;
  // A kink very close to the point is straddled almost symmetrically by both
  // central differences, which then agree (on the average slope): one-sided
  // differences with tiny steps see the slopes on each side.
  const size = Math.max(scale, Math.abs(coarse), 1e-6);
  const here = along(0);
  let smooth = Math.abs(coarse - fine) <= 1e-4 * size;
  for (const h of [1e-6, 1e-7]) {
    const forward = (along(h) - here) / h;
    const backward = (here - along(-h)) / h;
    if (Math.abs(forward - backward) > 1e-3 * size) smooth = false;
  }
  return { analytic, numeric, scale, smooth, finite };
}

/**
 * The relative error of a directional derivative: `|analytic - numeric|`
 * over the size of its terms (at least 1e-3, so that a derivative that is
 * ~0 compares absolutely).
 *
 * @example
 * ```ts
 * gradientError({ analytic: 1, numeric: 1 + 1e-9, scale: 1, smooth: true, finite: true }); // ~1e-9
 * ```
 */
export function gradientError(check: DirectionalCheck): number {
  return Math.abs(check.analytic - check.numeric) / Math.max(check.scale, Math.abs(check.numeric), 1e-3);
}
