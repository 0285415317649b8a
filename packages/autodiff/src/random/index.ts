/**
 * Deterministic, splittable pseudo-random numbers (JAX style): explicit
 * `PRNGKey`s, a counter-based Threefry-2x32 generator, and samplers that
 * return Tensors.
 *
 * @example
 * ```ts
 * const [k1, k2] = split(key(0));
 * const x = uniform(k1, [3]);
 * const y = normal(k2, [3], { std: 0.1 });
 * ```
 *
 * @module
 */
export { threefry2x32 } from './threefry.js';
export { PRNGKey, key, split, foldIn } from './key.js';
export { uniform, type UniformOptions } from './uniform.js';
export { normal, type NormalOptions } from './normal.js';
export { randint } from './randint.js';
export { permutation } from './permutation.js';
export { choice, type ChoiceOptions } from './choice.js';
