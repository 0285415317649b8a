/**
 * The Adam optimiser.
 *
 * @module
 */
import type { Tree } from '../transforms/tree.js';
import { checkHyperParameter, checkStateFits, leavesOf, rebuild, zerosLike, type Optimizer } from './optimizer.js';

/** Options of `adam`. */
export interface AdamOptions {
  /** Decay of the first moment; default 0.9. */
  b1?: number;
  /** Decay of the second moment; default 0.999. */
  b2?: number;
  /** Added to the root of the second moment; default 1e-8. */
  eps?: number;
  /** Added to the second moment inside the root; default 0. */
  epsRoot?: number;
}

/** The state of `adam`. */
export interface AdamState {
  /** Number of updates done so far. */
  readonly count: number;
  /** First moment (mean of the gradients), one array per leaf. */
  readonly mu: readonly Float64Array[];
  /** Second moment (mean of the squared gradients), one array per leaf. */
  readonly nu: readonly Float64Array[];
}

/**
 * Adam, exactly as optax's `adam` (same formulas, same order of operations):
 * at step `t = count + 1`,
 * `mu = (1 - b1) g + b1 mu`, `nu = (1 - b2) g^2 + b2 nu`,
 * `mhat = mu / (1 - b1^t)`, `vhat = nu / (1 - b2^t)`,
 * `update = -lr * mhat / (sqrt(vhat + epsRoot) + eps)`.
 *
 * @param learningRate - the step size.
 * @throws Error naming `adam` and the value of a bad hyper-parameter.
 * @example
 * ```ts
 * const optimizer = adam(0.1);
 * const state = optimizer.init([1, 2]);
 * optimizer.update([3, -4], state).updates; // about [-0.1, 0.1]
 * ```
 */
export function adam(learningRate: number, options: AdamOptions = {}): Optimizer<AdamState> {
  const { b1 = 0.9, b2 = 0.999, eps = 1e-8, epsRoot = 0 } = options;
  checkHyperParameter('adam', 'learningRate', learningRate);
  checkHyperParameter('adam', 'b1', b1, 0, 1);
  checkHyperParameter('adam', 'b2', b2, 0, 1);
  checkHyperParameter('adam', 'eps', eps, 0);
  checkHyperParameter('adam', 'epsRoot', epsRoot, 0);
  return {
    init(params: Tree): AdamState {
      const flat = leavesOf('adam', 'params', params);
      return { count: 0, mu: zerosLike(flat), nu: zerosLike(flat) };
    },
    update(grads: Tree, state: AdamState) {
      const flat = leavesOf('adam', 'grads', grads);
      checkStateFits('adam', state.mu, flat);
      checkStateFits('adam', state.nu, flat);
      const count = state.count + 1;
      const muCorrection = 1 - b1 ** count;
      const nuCorrection = 1 - b2 ** count;
      const mu: Float64Array[] = [];
      const nu: Float64Array[] = [];
      const updates: Float64Array[] = [];
      for (let i = 0; i < flat.leaves.length; i++) {
        const g = flat.leaves[i]!.data;
        const oldMu = state.mu[i]!;
        const oldNu = state.nu[i]!;
        const m = new Float64Array(g.length);
        const v = new Float64Array(g.length);
        const u = new Float64Array(g.length);
        for (let j = 0; j < g.length; j++) {
          const gj = g[j]!;
          m[j] = (1 - b1) * gj + b1 * oldMu[j]!;
          v[j] = (1 - b2) * (gj * gj) + b2 * oldNu[j]!;
          const mHat = m[j]! / muCorrection;
          const vHat = v[j]! / nuCorrection;
          u[j] = -learningRate * (mHat / (Math.sqrt(vHat + epsRoot) + eps));
        }
        mu.push(m);
        nu.push(v);
        updates.push(u);
      }
      return { updates: rebuild(flat, updates), state: { count, mu, nu } };
    },
  };
}
