/**
 * `@differt2d/autodiff`: tensors over Float64Array and reverse-mode automatic
 * differentiation on a tape of primitives, with a deterministic PRNG,
 * optimisers and small solvers.
 *
 * @example
 * ```ts
 * import { grad, sum, square, tensor } from '@differt2d/autodiff';
 * grad((x) => sum(square(x)))(tensor([1, 2])).toArray(); // [2, 4]
 * ```
 *
 * @packageDocumentation
 */
export * from './tensor/shape.js';
export * from './tensor/tensor.js';
export * from './tensor/create.js';
export * from './tensor/broadcast.js';
export * from './tape/tape.js';
export * from './tape/primitive.js';
export * from './tape/debug.js';
export * from './transforms/tree.js';
export * from './transforms/grad.js';
export * from './transforms/jacobian.js';
export * from './primitives/index.js';
export * from './random/index.js';
export * from './optim/index.js';
export * from './linalg/index.js';
