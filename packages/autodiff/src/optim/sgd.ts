/**
 * Stochastic gradient descent, with optional (Nesterov) momentum.
 *
 * @module
 */
import type { Tree } from '../transforms/tree.js';
import { checkHyperParameter, checkStateFits, leavesOf, rebuild, zerosLike, type Optimizer } from './optimizer.js';

/** Options of `sgd`. */
export interface SgdOptions {
  /** Momentum decay; default: no momentum. */
  momentum?: number;
  /** Use Nesterov momentum (only with `momentum`); default false. */
  nesterov?: boolean;
}

/** The state of `sgd`: the momentum trace per leaf, or null without momentum. */
export interface SgdState {
  /** The running trace `t = g + momentum * t`, one array per gradient leaf. */
  readonly trace: readonly Float64Array[] | null;
}

/**
 * Stochastic gradient descent, as optax's `sgd`: `update = -lr * g`, or with
 * momentum `t = g + momentum * t; update = -lr * t` (Nesterov:
 * `update = -lr * (g + momentum * t)`).
 *
 * @param learningRate - the step size.
 * @throws Error naming `sgd` and the value of a bad hyper-parameter.
 * @example
 * ```ts
 * const optimizer = sgd(0.1, { momentum: 0.9 });
 * const state = optimizer.init(tensor([1, 2]));
 * optimizer.update(tensor([1, 1]), state).updates; // [-0.1, -0.1]
 * ```
 */
export function sgd(learningRate: number, options: SgdOptions = {}): Optimizer<SgdState> {
  checkHyperParameter('sgd', 'learningRate', learningRate);
  const { momentum, nesterov = false } = options;
  if (momentum !== undefined) checkHyperParameter('sgd', 'momentum', momentum, 0);
  if (nesterov && momentum === undefined) throw new Error('sgd: nesterov needs a momentum');
  return {
    init(params: Tree): SgdState {
      return { trace: momentum === undefined ? null : zerosLike(leavesOf('sgd', 'params', params)) };
    },
    update(grads: Tree, state: SgdState) {
      const flat = leavesOf('sgd', 'grads', grads);
      const updates = flat.leaves.map((leaf) => new Float64Array(leaf.size));
      let trace: Float64Array[] | null = null;
      if (momentum === undefined) {
        flat.leaves.forEach((leaf, i) => {
          const g = leaf.data;
          const u = updates[i]!;
          for (let j = 0; j < u.length; j++) u[j] = -learningRate * g[j]!;
        });
      } else {
        if (state.trace === null) throw new Error('sgd: the state has no momentum trace (it was made by an sgd without momentum)');
        checkStateFits('sgd', state.trace, flat);
        trace = flat.leaves.map((leaf, i) => {
          const g = leaf.data;
          const old = state.trace![i]!;
          const t = new Float64Array(g.length);
          const u = updates[i]!;
          for (let j = 0; j < t.length; j++) {
            t[j] = g[j]! + momentum * old[j]!;
            u[j] = -learningRate * (nesterov ? g[j]! + momentum * t[j]! : t[j]!);
          }
          return t;
        });
      }
      return { updates: rebuild(flat, updates), state: { trace } };
    },
  };
}
