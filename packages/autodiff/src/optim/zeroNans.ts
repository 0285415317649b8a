/**
 * A transformation that replaces NaN gradients by zero.
 *
 * @module
 */
import type { Tree } from '../transforms/tree.js';
import { leavesOf, rebuild, type Optimizer } from './optimizer.js';

/** The state of `zeroNans`: whether the last update found a NaN, per leaf. */
export interface ZeroNansState {
  /** One flag per gradient leaf: true when the last gradient had a NaN there. */
  readonly foundNan: readonly boolean[];
}

/**
 * Replace NaN entries of the gradients by 0 (optax's `zero_nans`), so that
 * one bad gradient (e.g. a ray grazing a corner) does not poison the
 * parameters; chain it before an optimiser. The state records which leaves
 * had a NaN in the last update.
 *
 * @example
 * ```ts
 * const optimizer = chain(zeroNans(), adam(0.1));
 * const t = zeroNans();
 * t.update([NaN, 1], t.init([0, 0])).updates; // [0, 1]
 * ```
 */
export function zeroNans(): Optimizer<ZeroNansState> {
  return {
    init(params: Tree): ZeroNansState {
      return { foundNan: leavesOf('zeroNans', 'params', params).leaves.map(() => false) };
    },
    update(grads: Tree) {
      const flat = leavesOf('zeroNans', 'grads', grads);
      const foundNan: boolean[] = [];
      const updates = flat.leaves.map((leaf) => {
        const g = leaf.data;
        const u = new Float64Array(g.length);
        let found = false;
        for (let j = 0; j < g.length; j++) {
          const gj = g[j]!;
          if (gj !== gj) found = true;
          else u[j] = gj;
        }
        foundNan.push(found);
        return u;
      });
      return { updates: rebuild(flat, updates), state: { foundNan } };
    },
  };
}
