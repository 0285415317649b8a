/**
 * `@differt2d/autodiff`: tensors over Float64Array and reverse-mode automatic
 * differentiation on a tape of primitives.
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
export * from './primitives/elementwise.js';
export * from './primitives/reduction/axes.js';
export * from './primitives/reduction/sum.js';
export * from './primitives/structure/reshape.js';
export * from './primitives/arithmetic/add.js';
export * from './primitives/arithmetic/mul.js';
export * from './primitives/math/sqrt.js';
export * from './primitives/where.js';
