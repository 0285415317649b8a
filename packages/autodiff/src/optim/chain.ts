/**
 * Composition of gradient transformations.
 *
 * @module
 */
import type { Tree } from '../transforms/tree.js';
import type { Optimizer } from './optimizer.js';

/**
 * Apply several transformations in order, each to the updates of the
 * previous one (optax's `chain`). The state is the list of their states.
 *
 * @throws Error (from `update`) when the state is not a list of one state per transformation.
 * @example
 * ```ts
 * const optimizer = chain(zeroNans(), sgd(0.1));
 * const state = optimizer.init([1, 2]);
 * optimizer.update([NaN, 2], state).updates; // [0, -0.2]
 * ```
 */
export function chain(...transforms: readonly Optimizer<unknown>[]): Optimizer<readonly unknown[]> {
  return {
    init(params: Tree): readonly unknown[] {
      return transforms.map((t) => t.init(params));
    },
    update(grads: Tree, state: readonly unknown[], params?: Tree) {
      if (!Array.isArray(state) || state.length !== transforms.length) {
        throw new Error(`chain: the state must hold one state per transformation (${transforms.length}), got ${Array.isArray(state) ? state.length : typeof state}`);
      }
      let updates = grads;
      const next: unknown[] = [];
      for (let i = 0; i < transforms.length; i++) {
        const result = transforms[i]!.update(updates, state[i], params);
        updates = result.updates;
        next.push(result.state);
      }
      return { updates, state: next };
    },
  };
}
