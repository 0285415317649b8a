import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, grad, mul, sum, Tensor, tensor } from '../src/index.js';
import { choleskySolve, levenbergMarquardt, solve } from '../src/linalg/index.js';
import { expectEachArgumentAloneMatchesBoth } from './helpers/finiteDifferences.js';

/** Dense helpers on nested arrays, independent of the code under test. */
const matVec = (A: number[][], x: number[]) => A.map((row) => row.reduce((s, a, j) => s + a * x[j]!, 0));
const transpose = (A: number[][]) => A[0]!.map((_, j) => A.map((row) => row[j]!));
const matMul = (A: number[][], B: number[][]) => A.map((row) => B[0]!.map((_, j) => row.reduce((s, a, k) => s + a * B[k]![j]!, 0)));

/** A random n x n matrix made well conditioned by a dominant diagonal (of random sign). */
const wellConditioned = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    A: fc
      .array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n })
      .chain((M) =>
        fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((signs) => M.map((row, i) => row.map((v, j) => (i === j ? (signs[i] ? 1 : -1) * (n + 1) + v : v)))),
      ),
    x: fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
  }),
);

/**
 * Check the gradient of `sum(solver(A, b) * w)` with respect to each entry of
 * `A` and `b` against central differences; return the gradient for `A`.
 */
function expectSolveGradientsMatchFiniteDifferences(
  solver: (A: Tensor | number[][], b: Tensor | number[]) => Tensor,
  A: number[][],
  b: number[],
  w: number[],
): Tensor {
  const n = b.length;
  const f = (a: number[][], rhs: number[]) => sum(mul(solver(a, rhs), tensor(w))).item();
  const [gA, gb] = grad((a: Tensor, rhs: Tensor) => sum(mul(solver(a, rhs), tensor(w))), { argnums: [0, 1] })(tensor(A), tensor(b)) as [Tensor, Tensor];
  const h = 1e-6;
  for (let i = 0; i < n; i++) {
    const up = b.slice();
    const down = b.slice();
    up[i]! += h;
    down[i]! -= h;
    expect(gb.data[i]).toBeCloseTo((f(A, up) - f(A, down)) / (2 * h), 7);
    for (let j = 0; j < n; j++) {
      const Au = A.map((row) => row.slice());
      const Ad = A.map((row) => row.slice());
      Au[i]![j]! += h;
      Ad[i]![j]! -= h;
      expect(gA.data[i * n + j]).toBeCloseTo((f(Au, b) - f(Ad, b)) / (2 * h), 7);
    }
  }
  return gA;
}

describe('solve', () => {
  it('solves random well-conditioned systems', () => {
    fc.assert(
      fc.property(wellConditioned, ({ A, x }) => {
        const b = matVec(A, x);
        const got = solve(A, b);
        expect(got.shape).toEqual([x.length]);
        x.forEach((xi, i) => expect(Math.abs(got.data[i]! - xi)).toBeLessThan(1e-10 * (1 + Math.abs(xi))));
      }),
      { numRuns: 200 },
    );
  });
  it('solves several right-hand sides at once', () => {
    fc.assert(
      fc.property(wellConditioned, ({ A, x }) => {
        const X = x.map((xi) => [xi, -2 * xi + 1]);
        const B = matMul(A, X);
        const got = solve(A, B).toArray() as number[][];
        X.forEach((row, i) => row.forEach((v, c) => expect(Math.abs(got[i]![c]! - v)).toBeLessThan(1e-10 * (1 + Math.abs(v)))));
      }),
      { numRuns: 50 },
    );
  });
  it('pivots on a zero diagonal', () => {
    expect(solve([[0, 1], [1, 0]], [2, 3]).toArray()).toEqual([3, 2]);
    expect(solve([[2, 1], [1, 3]], [3, 5]).data[0]).toBeCloseTo(0.8, 15);
    expect(solve([[0, 0, 1], [0, 2, 0], [4, 0, 0]], [1, 2, 4]).toArray()).toEqual([1, 1, 1]);
  });
  it('throws a clear Error on a singular matrix', () => {
    expect(() => solve([[1, 2], [2, 4]], [1, 1])).toThrow('solve: the matrix is singular (no usable pivot in column 1 of 2 after elimination)');
    expect(() => solve([[0, 0], [0, 0]], [1, 1])).toThrow('solve: the matrix is singular (no usable pivot in column 0 of 2 after elimination)');
    // Rank 2 in exact arithmetic; rounding leaves a pivot of ~1e-16, which counts as zero.
    expect(() => solve([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [1, 1, 1])).toThrow(/solve: the matrix is singular/);
  });
  it('validates shapes and values', () => {
    expect(() => solve([1, 2], [1, 2])).toThrow('solve: A must be a square matrix (shape [n, n]), got shape [2]');
    expect(() => solve([[1, 0], [0, 1]], [1, 2, 3])).toThrow('solve: b must have shape [2] or [2, k] to match A of shape [2, 2], got shape [3]');
    expect(() => solve([[1, 0], [Number.NaN, 1]], [1, 2])).toThrow('solve: A has a non-finite entry NaN at [1, 0]');
  });
  it('differentiates with respect to A and b', () => {
    expectSolveGradientsMatchFiniteDifferences(solve, [[3, 1, -1], [0.5, -4, 1], [1, 2, 5]], [1, -2, 0.5], [0.3, -1, 2]);
  });
});

describe('solve and choleskySolve', () => {
  it('give A or b alone the same gradient as both together', () => {
    const A = tensor([[4, 1], [1, 3]]);
    const b = tensor([[1, 2], [-1, 0.5]]);
    const w = tensor([[0.5, -1], [2, 0.25]]);
    for (const solver of [solve, choleskySolve]) expectEachArgumentAloneMatchesBoth((a, rhs) => sum(mul(solver(a, rhs), w)), A, b);
  });
});

describe('choleskySolve', () => {
  it('agrees with solve on random SPD systems', () => {
    fc.assert(
      fc.property(wellConditioned, ({ A: M, x }) => {
        const A = matMul(transpose(M), M); // SPD: M is non-singular
        const b = matVec(A, x);
        const got = choleskySolve(A, b);
        x.forEach((xi, i) => expect(Math.abs(got.data[i]! - xi)).toBeLessThan(1e-9 * (1 + Math.abs(xi))));
      }),
      { numRuns: 100 },
    );
  });
  it('reads only the lower triangle', () => {
    expect(choleskySolve([[4, 999], [2, 3]], [2, 1]).data[0]).toBeCloseTo(0.5, 15);
  });
  it('throws on a matrix that is not positive definite', () => {
    expect(() => choleskySolve([[1, 2], [2, 1]], [1, 1])).toThrow('choleskySolve: the matrix is not positive definite (non-positive pivot in column 1 of 2)');
    expect(() => choleskySolve([[-1, 0], [0, 1]], [1, 1])).toThrow(/column 0 of 2/);
  });
  it('differentiates with respect to the lower triangle of A and b', () => {
    // Perturbing the upper triangle changes nothing: its gradient is 0.
    const gA = expectSolveGradientsMatchFiniteDifferences(choleskySolve, [[4, 1, 0.5], [1, 3, -1], [0.5, -1, 5]], [1, 2, -1], [1, -0.5, 0.25]);
    expect(gA.data[1]).toBe(0);
  });
});

describe('levenbergMarquardt', () => {
  // Rosenbrock residuals r = [10 (x1 - x0^2), 1 - x0], written with the
  // available primitives: r = sum(P * x, 1) + sum(Q * x^2, 1) + c.
  const P = tensor([[0, 10], [-1, 0]]);
  const Q = tensor([[-10, 0], [0, 0]]);
  const c = tensor([0, 1]);
  const rosenbrock = (x: Tensor) => add(add(sum(mul(P, x), 1), sum(mul(Q, mul(x, x)), 1)), c);
  const rosenbrockJacobian = (x: Tensor) => tensor([[-20 * x.data[0]!, 10], [-1, 0]]);

  it('writes the Rosenbrock residuals correctly', () => {
    const r = rosenbrock(tensor([-1.2, 1])).data;
    expect(r[0]).toBeCloseTo(10 * (1 - 1.44), 14);
    expect(r[1]).toBeCloseTo(2.2, 15);
    expect(Array.from(rosenbrock(tensor([1, 1])).data)).toEqual([0, 0]);
  });
  it.each([
    ['autodiff', undefined],
    ['analytic', rosenbrockJacobian],
  ])('converges on Rosenbrock from (-1.2, 1) to (1, 1) with the %s Jacobian', (_, jacobian) => {
    const result = levenbergMarquardt(rosenbrock, [-1.2, 1], jacobian === undefined ? {} : { jacobian });
    expect(result.converged).toBe(true);
    // At machine precision either the cost reaches 1e-30 or the steps become
    // negligible first (here: cost ~1.7e-30, |x - 1| ~ 1e-15, reason 'step').
    expect(['cost', 'step']).toContain(result.reason);
    expect(result.cost).toBeLessThan(1e-28);
    expect(result.iterations).toBeLessThan(100);
    expect(result.x.shape).toEqual([2]);
    expect(Math.abs(result.x.data[0]! - 1)).toBeLessThan(1e-10);
    expect(Math.abs(result.x.data[1]! - 1)).toBeLessThan(1e-10);
  });
  it('stops on the cost when the residuals vanish exactly (the documented example)', () => {
    const r = (x: Tensor) => tensor([10 * (x.data[1]! - x.data[0]! ** 2), 1 - x.data[0]!]);
    const result = levenbergMarquardt(r, [-1.2, 1], { jacobian: rosenbrockJacobian });
    expect(result).toMatchObject({ converged: true, reason: 'cost' });
    expect(result.cost).toBeLessThanOrEqual(1e-30);
    expect(Math.abs(result.x.data[0]! - 1)).toBeLessThan(1e-10);
    expect(Math.abs(result.x.data[1]! - 1)).toBeLessThan(1e-10);
  });
  it('reports running out of iterations', () => {
    const result = levenbergMarquardt(rosenbrock, [-1.2, 1], { maxIterations: 2 });
    expect(result).toMatchObject({ converged: false, reason: 'maxIterations', iterations: 2 });
    expect(result.cost).toBeLessThan(0.5 * (4.4 ** 2 + 2.2 ** 2));
  });
  it('solves linear least squares like the normal equations', () => {
    fc.assert(
      fc.property(wellConditioned, fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 9, maxLength: 9 }), ({ A: M }, y0) => {
        // An overdetermined system: M stacked on the identity, so J^T J = M^T M + I.
        const n = M.length;
        const J = [...M, ...M.map((_, i) => M.map((__, j) => (i === j ? 1 : 0)))];
        const y = J.map((_, i) => y0[i % y0.length]!);
        const residuals = (x: Tensor) => tensor(matVec(J, Array.from(x.data)).map((v, i) => v - y[i]!));
        const result = levenbergMarquardt(residuals, new Float64Array(n), { jacobian: () => tensor(J) });
        const expected = solve(matMul(transpose(J), J), matVec(transpose(J), y));
        expect(result.converged).toBe(true);
        for (let i = 0; i < n; i++) expect(Math.abs(result.x.data[i]! - expected.data[i]!)).toBeLessThan(1e-8 * (1 + Math.abs(expected.data[i]!)));
      }),
      { numRuns: 50 },
    );
  });
  it('fits a curve with an analytic Jacobian and keeps the shape of x0', () => {
    // y = a exp(b t), sampled at a = 2, b = -0.5; parameters as a [1, 2] tensor.
    const ts = [0, 0.5, 1, 1.5, 2, 3];
    const ys = ts.map((t) => 2 * Math.exp(-0.5 * t));
    const residuals = (p: Tensor) => tensor(ts.map((t, i) => p.data[0]! * Math.exp(p.data[1]! * t) - ys[i]!));
    const jacobian = (p: Tensor) => tensor(ts.map((t) => [Math.exp(p.data[1]! * t), p.data[0]! * t * Math.exp(p.data[1]! * t)]));
    const result = levenbergMarquardt(residuals, [[1, 0]], { jacobian });
    expect(result.x.shape).toEqual([1, 2]);
    expect(result.converged).toBe(true);
    expect(result.x.data[0]).toBeCloseTo(2, 10);
    expect(result.x.data[1]).toBeCloseTo(-0.5, 10);
  });
  it('stops on a small gradient when the residual cannot vanish', () => {
    // r = [x - 1, x + 1]: the best x is 0 with cost 1, and J^T r = 0 there.
    const residuals = (x: Tensor) => add(tensor([x.data[0]!, x.data[0]!]), tensor([-1, 1]));
    const result = levenbergMarquardt(residuals, [3], { jacobian: () => tensor([[1], [1]]) });
    expect(result.reason).toMatch(/gradient|step/);
    expect(result.converged).toBe(true);
    // Near a non-zero minimum the cost resolves x only to about sqrt(eps).
    expect(Math.abs(result.x.data[0]!)).toBeLessThan(1e-8);
    expect(result.cost).toBeCloseTo(1, 12);
  });
  it('damps more while the damped normal matrix is numerically singular', () => {
    // One residual, two unknowns: J^T J = [[1, 1], [1, 1]] is singular, and a
    // damping of 1e-20 leaves it so in floating point; the rejected trials count.
    const residuals = (x: Tensor) => tensor([x.data[0]! + x.data[1]! - 1]);
    const result = levenbergMarquardt(residuals, [0, 0], { jacobian: () => tensor([[1, 1]]), initialDamping: 1e-20 });
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeGreaterThan(2);
    expect(result.x.data[0]! + result.x.data[1]!).toBeCloseTo(1, 12);
    expect(result.x.data[0]).toBeCloseTo(result.x.data[1]!, 12);
  });
  it('validates its arguments', () => {
    expect(() => levenbergMarquardt(rosenbrock, [-1.2, 1], { maxIterations: 1.5 })).toThrow('levenbergMarquardt: maxIterations must be a non-negative integer, got 1.5');
    expect(() => levenbergMarquardt(rosenbrock, [-1.2, 1], { initialDamping: 0 })).toThrow('levenbergMarquardt: initialDamping must be a finite positive number, got 0');
    expect(() => levenbergMarquardt(rosenbrock, [-1.2, 1], { xTolerance: -1 })).toThrow('levenbergMarquardt: xTolerance must be a finite non-negative number, got -1');
    expect(() => levenbergMarquardt(() => tensor([Number.NaN]), [0])).toThrow('levenbergMarquardt: the residuals at x0 are not finite (cost NaN)');
    expect(() => levenbergMarquardt(rosenbrock, [-1.2, 1], { jacobian: () => tensor([1, 2, 3]) })).toThrow(
      'levenbergMarquardt: the Jacobian has shape [3] (3 values), expected 2 x 2 = 4 values',
    );
  });
});
