/**
 * Adding updates to parameters.
 *
 * @module
 */
import { formatShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import type { Tree } from '../transforms/tree.js';
import { leavesOf } from './optimizer.js';

/**
 * The parameters plus the updates, leaf by leaf (optax's `apply_updates`).
 * The result has the structure and leaf forms of `params`; neither argument
 * is modified.
 *
 * @throws Error naming `applyUpdates` when the trees' leaves differ in number or size.
 * @example
 * ```ts
 * applyUpdates({ w: [1, 2] }, { w: [0.5, -0.5] }); // { w: [1.5, 1.5] }
 * ```
 */
export function applyUpdates<T extends Tree>(params: T, updates: Tree): T {
  const p = leavesOf('applyUpdates', 'params', params);
  const u = leavesOf('applyUpdates', 'updates', updates);
  if (p.leaves.length !== u.leaves.length) {
    throw new Error(`applyUpdates: params have ${p.leaves.length} leaves but updates have ${u.leaves.length}`);
  }
  const sums = p.leaves.map((leaf, i) => {
    const update = u.leaves[i]!;
    if (update.size !== leaf.size) {
      throw new Error(`applyUpdates: leaf ${i} has shape ${formatShape(leaf.shape)} in params but ${formatShape(update.shape)} in updates`);
    }
    const a = leaf.data;
    const b = update.data;
    const out = new Float64Array(a.length);
    for (let j = 0; j < out.length; j++) out[j] = a[j]! + b[j]!;
    return new Tensor(out, leaf.shape);
  });
  return p.unflatten(sums) as T;
}
