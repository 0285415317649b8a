/**
 * The optimiser interface (optax's `GradientTransformation`) and the
 * leaf-level plumbing shared by the optimisers: flattening trees to
 * Float64Arrays and rebuilding them.
 *
 * @module
 */
import { formatShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { flatten, type FlatTree, type Tree } from '../transforms/tree.js';

/** What an optimiser's `update` returns. */
export interface UpdateResult<State> {
  /** The updates, a tree like the gradients: add them to the parameters with `applyUpdates`. */
  readonly updates: Tree;
  /** The optimiser state to pass to the next `update`. */
  readonly state: State;
}

/**
 * A gradient transformation, as in optax: a pure pair of functions. `init`
 * makes the state for some parameters; `update` turns gradients into updates
 * (to be added to the parameters) and returns the next state. States are
 * never modified in place, so an old state can be reused.
 *
 * Parameters, gradients and updates are trees (tensors, numbers, number
 * arrays, or arrays and plain objects of those); updates have the structure
 * and leaf forms of the gradients.
 *
 * @typeParam State - the optimiser's state.
 * @example
 * ```ts
 * const optimizer = adam(0.1);
 * let params = { w: tensor([1, 2]) };
 * let state = optimizer.init(params);
 * const grads = grad((p: typeof params) => sum(mul(p.w, p.w)))(params);
 * const step = optimizer.update(grads, state, params);
 * params = applyUpdates(params, step.updates);
 * state = step.state;
 * ```
 */
export interface Optimizer<State = unknown> {
  /** The initial state for some parameters. */
  init(params: Tree): State;
  /** Updates from gradients (and, for some transformations, the current parameters). */
  update(grads: Tree, state: State, params?: Tree): UpdateResult<State>;
}

/**
 * Flatten a tree, naming it in errors.
 *
 * @internal
 * @example
 * ```ts
 * leavesOf('adam', 'grads', { w: [1, 2] }).leaves.length; // 1
 * ```
 */
export function leavesOf(op: string, what: string, tree: Tree): FlatTree {
  return flatten(tree, `${op}: ${what}`);
}

/**
 * Rebuild a tree like `flat`'s from one Float64Array per leaf.
 *
 * @internal
 * @example
 * ```ts
 * const flat = leavesOf('sgd', 'grads', [1, 2]);
 * rebuild(flat, [Float64Array.of(3, 4)]); // [3, 4]
 * ```
 */
export function rebuild(flat: FlatTree, data: readonly Float64Array[]): Tree {
  return flat.unflatten(flat.leaves.map((leaf, i) => new Tensor(data[i]!, leaf.shape)));
}

/**
 * Zero arrays, one per leaf of a tree: the initial value of a moment.
 *
 * @internal
 * @example
 * ```ts
 * zerosLike(leavesOf('adam', 'params', [1, 2])); // [Float64Array [0, 0]]
 * ```
 */
export function zerosLike(flat: FlatTree): Float64Array[] {
  return flat.leaves.map((leaf) => new Float64Array(leaf.size));
}

/**
 * Check that per-leaf state arrays fit the leaves of a gradient tree.
 *
 * @internal
 * @throws Error naming the optimiser, and the leaf count or leaf that differs.
 * @example
 * ```ts
 * checkStateFits('adam', state.mu, leavesOf('adam', 'grads', grads));
 * ```
 */
export function checkStateFits(op: string, state: readonly Float64Array[], flat: FlatTree): void {
  if (!Array.isArray(state)) throw new Error(`${op}: the state is not one made by ${op}().init`);
  if (state.length !== flat.leaves.length) {
    throw new Error(`${op}: the gradient tree has ${flat.leaves.length} leaves but the state was made for ${state.length}`);
  }
  for (let i = 0; i < state.length; i++) {
    if (state[i]!.length !== flat.leaves[i]!.size) {
      throw new Error(`${op}: gradient leaf ${i} has shape ${formatShape(flat.leaves[i]!.shape)} (${flat.leaves[i]!.size} values) but the state holds ${state[i]!.length}`);
    }
  }
}

/**
 * Check a hyper-parameter: a finite number, optionally within bounds.
 *
 * @internal
 * @throws Error naming the optimiser, the hyper-parameter and its value.
 * @example
 * ```ts
 * checkHyperParameter('adam', 'b1', 0.9, 0, 1); // ok
 * ```
 */
export function checkHyperParameter(op: string, name: string, value: number, min = -Infinity, maxExclusive = Infinity): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value >= maxExclusive) {
    const range = min === -Infinity && maxExclusive === Infinity ? 'a finite number' : `a number in [${min}, ${maxExclusive})`;
    throw new Error(`${op}: ${name} must be ${range}, got ${String(value)}`);
  }
}
