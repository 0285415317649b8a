/**
 * Optimisers in the style of optax, on trees of tensors, and minimisation
 * helpers built on them.
 *
 * @example
 * ```ts
 * const optimizer = chain(zeroNans(), adam(0.05));
 * const { x } = minimize((x) => sum(square(x)), [1, -1], { optimizer });
 * ```
 *
 * @module
 */
export type { Optimizer, UpdateResult } from './optimizer.js';
export { sgd, type SgdOptions, type SgdState } from './sgd.js';
export { adam, type AdamOptions, type AdamState } from './adam.js';
export { zeroNans, type ZeroNansState } from './zeroNans.js';
export { chain } from './chain.js';
export { applyUpdates } from './applyUpdates.js';
export { minimize, type MinimizeOptions, type MinimizeResult, type Objective } from './minimize.js';
export { minimizeManyRandomUniform, type MinimizeManyOptions } from './minimizeManyRandomUniform.js';
