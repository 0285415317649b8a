/**
 * The batched solvers behind the Fermat and min-path tracers, on problems
 * with known answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allRows, type BatchedObjective } from '../src/solvers/batchedObjective.js';
import { solveAdam } from '../src/solvers/batchedAdam.js';
import { solveDampedNewton } from '../src/solvers/dampedNewton.js';
import { choleskyFactorBlock, choleskySolveBlock, PseudoInverseWorkspace, symmetricPseudoInverse } from '../src/solvers/smallMatrix.js';

/** Problem p: Rosenbrock `(a_p - x)^2 + 100 (y - x^2)^2` (minimum (a_p, a_p^2)), with its exact Hessian. */
function rosenbrocks(targets: readonly number[]): BatchedObjective & { evaluations: number } {
  const objective = {
    problems: targets.length,
    unknowns: 2,
    evaluations: 0,
    evaluate(x: Float64Array, rows: Int32Array, rowCount: number, cost: Float64Array, gradient: Float64Array, hessian: Float64Array | null): void {
      objective.evaluations++;
      for (let i = 0; i < rowCount; i++) {
        const p = rows[i]!;
        const a = targets[p]!;
        const u = x[2 * p]!;
        const v = x[2 * p + 1]!;
        cost[p] = (a - u) ** 2 + 100 * (v - u * u) ** 2;
        gradient[2 * p] = -2 * (a - u) - 400 * u * (v - u * u);
        gradient[2 * p + 1] = 200 * (v - u * u);
        if (hessian === null) continue;
        hessian[4 * p] = 2 - 400 * (v - u * u) + 800 * u * u;
        hessian[4 * p + 1] = -400 * u;
        hessian[4 * p + 2] = -400 * u;
        hessian[4 * p + 3] = 200;
      }
    },
  };
  return objective;
}

/** Problem p: `(x - p)^2`. */
const parabolas: BatchedObjective = {
  problems: 3,
  unknowns: 1,
  evaluate(x, rows, rowCount, cost, gradient, hessian) {
    for (let i = 0; i < rowCount; i++) {
      const p = rows[i]!;
      const d = x[p]! - p;
      cost[p] = d * d;
      gradient[p] = 2 * d;
      if (hessian !== null) hessian[p] = 2;
    }
  },
};

describe('solveDampedNewton', () => {
  it('solves a batch of Rosenbrock problems to machine precision from the classic start (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 8 }), (targets) => {
        const start = new Float64Array(2 * targets.length);
        for (let p = 0; p < targets.length; p++) start.set([-1.2, 1], 2 * p);
        const { x, converged, iterations } = solveDampedNewton(rosenbrocks(targets), start, { costTolerance: 1e-30 });
        targets.forEach((a, p) => {
          expect(converged[p]).toBe(1);
          expect(iterations[p]).toBeLessThan(100);
          expect(Math.abs(x[2 * p]! - a)).toBeLessThan(1e-9);
          expect(Math.abs(x[2 * p + 1]! - a * a)).toBeLessThan(1e-9);
        });
      }),
      { numRuns: 30 },
    );
  });

  it('evaluates the whole batch in one call per round, not one per problem', () => {
    const objective = rosenbrocks([1, 0.5, -1, 1.5, 0]);
    const { iterations } = solveDampedNewton(objective, Float64Array.from({ length: 10 }, (_, k) => (k % 2 === 0 ? -1.2 : 1)));
    expect(objective.evaluations).toBeLessThanOrEqual(Math.max(...iterations) + 1);
  });

  it('does not move a problem already at its minimum, and leaves the input alone', () => {
    const x0 = Float64Array.of(0, 1, 2);
    const { x, iterations, converged } = solveDampedNewton(parabolas, x0);
    expect(Array.from(x)).toEqual([0, 1, 2]);
    expect(Array.from(iterations)).toEqual([1, 1, 1]);
    expect(Array.from(converged)).toEqual([1, 1, 1]);
    const start = Float64Array.of(5, 5, 5);
    solveDampedNewton(parabolas, start);
    expect(Array.from(start)).toEqual([5, 5, 5]);
  });

  it('stops at maxIterations without claiming convergence, and checks its input', () => {
    const { converged, iterations } = solveDampedNewton(rosenbrocks([1]), Float64Array.of(-1.2, 1), { maxIterations: 2 });
    expect(converged[0]).toBe(0);
    expect(iterations[0]).toBe(2);
    expect(() => solveDampedNewton(parabolas, Float64Array.of(1))).toThrow('solveDampedNewton: x0 has 1 values, expected 3 problems x 1 unknowns');
    expect(() => solveDampedNewton(parabolas, Float64Array.of(1, 2, 3), { maxIterations: -1 })).toThrow('maxIterations');
  });
});

describe('solveAdam', () => {
  it('is optax adam: one step from x = 1 on x^2 moves by the learning rate', () => {
    const square: BatchedObjective = {
      problems: 1,
      unknowns: 1,
      evaluate(x, _rows, _count, cost, gradient) {
        cost[0] = x[0]! ** 2;
        gradient[0] = 2 * x[0]!;
      },
    };
    // first Adam step: mhat / sqrt(vhat) = sign(g), so x moves by lr (up to eps)
    expect(solveAdam(square, Float64Array.of(1), { steps: 1, learningRate: 0.1 }).x[0]).toBeCloseTo(0.9, 7);
  });

  it('converges roughly on a batch, and keeps the best of many starts per problem', () => {
    const { x } = solveAdam(parabolas, Float64Array.of(0.5), { steps: 300 });
    Array.from(x).forEach((value, p) => expect(Math.abs(value - p)).toBeLessThan(1e-2));
    // two starts, few steps: each problem keeps the start that ends nearer its target
    const starts = Float64Array.of(0, 2);
    const both = solveAdam(parabolas, starts, { steps: 3 });
    const first = solveAdam(parabolas, Float64Array.of(0), { steps: 3 });
    const second = solveAdam(parabolas, Float64Array.of(2), { steps: 3 });
    for (let p = 0; p < 3; p++) {
      const best = Math.min(first.cost[p]!, second.cost[p]!);
      expect(both.cost[p]).toBe(best);
      expect(both.x[p]).toBe(first.cost[p]! <= second.cost[p]! ? first.x[p] : second.x[p]);
    }
    expect(() => solveAdam(rosenbrocks([1]), Float64Array.of(1, 2, 3))).toThrow('not a positive multiple of 2 unknowns');
  });
});

describe('small matrices', () => {
  const symmetric = (n: number) =>
    fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n * n, maxLength: n * n }).map((values) => {
      const a = Float64Array.from(values);
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i]!;
      return a;
    });
  const product = (a: Float64Array, b: Float64Array, n: number): Float64Array => {
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) out[i * n + j] += a[i * n + k]! * b[k * n + j]!;
    return out;
  };

  it('Cholesky solves positive definite systems and refuses indefinite ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.constant(n), symmetric(n))), ([n, s]) => {
        // s^2 + I is positive definite
        const a = product(s, s, n);
        for (let i = 0; i < n; i++) a[i * n + i] += 1;
        const b = Float64Array.from({ length: n }, (_, i) => i + 1);
        const l = a.slice();
        expect(choleskyFactorBlock(l, 0, n)).toBe(true);
        const x = b.slice();
        choleskySolveBlock(l, 0, n, x, 0);
        for (let i = 0; i < n; i++) {
          let value = 0;
          for (let j = 0; j < n; j++) value += a[i * n + j]! * x[j]!;
          expect(value).toBeCloseTo(b[i]!, 9);
        }
      }),
    );
    expect(choleskyFactorBlock(Float64Array.of(1, 2, 2, 1), 0, 2)).toBe(false);
  });

  it('the symmetric pseudo-inverse satisfies A A+ A = A and A+ A A+ = A+, singular blocks included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.constant(n), symmetric(n), fc.integer({ min: 0, max: 4 }))), ([n, s, drop]) => {
        // zero some eigen-directions: A = s P s with P a diagonal projection
        const projection = new Float64Array(n * n);
        for (let i = 0; i < n; i++) projection[i * n + i] = i < drop ? 0 : 1;
        const a = product(product(s, projection, n), s, n);
        const inverse = new Float64Array(n * n);
        symmetricPseudoInverse(a, 0, n, inverse, 0, new PseudoInverseWorkspace(n), 1e-10);
        const scale = Math.max(1e-300, ...Array.from(a, Math.abs));
        const again = product(product(a, inverse, n), a, n);
        for (let k = 0; k < n * n; k++) expect(Math.abs(again[k]! - a[k]!)).toBeLessThan(1e-6 * scale + 1e-12);
        for (const value of inverse) expect(Number.isFinite(value)).toBe(true);
        const inverseScale = Math.max(1e-300, ...Array.from(inverse, Math.abs));
        const back = product(product(inverse, a, n), inverse, n);
        for (let k = 0; k < n * n; k++) expect(Math.abs(back[k]! - inverse[k]!)).toBeLessThan(1e-6 * inverseScale);
      }),
    );
    const out = new Float64Array(4);
    symmetricPseudoInverse(Float64Array.of(2, 0, 0, 0), 0, 2, out, 0, new PseudoInverseWorkspace(2));
    expect(Array.from(out)).toEqual([0.5, 0, 0, 0]);
  });

  it('allRows lists every problem', () => {
    expect(Array.from(allRows(3))).toEqual([0, 1, 2]);
  });
});
