/**
 * Jacobians by reverse mode: one backward sweep per output element, all on
 * the same recording.
 *
 * @module
 */
import { Tensor } from '../tensor/tensor.js';
import { flatten, type Tree } from './tree.js';
import { pullback, record, type Argnums } from './grad.js';

/** Options of `jacobian`. */
export interface JacobianOptions {
  /** Index (or indices) of the arguments to differentiate; default 0. */
  argnums?: Argnums;
}

/**
 * The Jacobian of a tensor-valued function: for an output of shape `O` and an
 * argument leaf of shape `I`, a Tensor of shape `[...O, ...I]` with entry
 * `d out[o] / d in[i]`. Trees of arguments give trees of Jacobians.
 *
 * @example
 * ```ts
 * const J = jacobian((x: Tensor) => mul(x, x))(tensor([1, 2]));
 * J.toArray(); // [[2, 0], [0, 4]]
 * ```
 */
export function jacobian<Args extends unknown[]>(f: (...args: Args) => unknown, options: JacobianOptions = {}): (...args: Args) => any {
  const argnums = options.argnums === undefined ? [0] : typeof options.argnums === 'number' ? [options.argnums] : options.argnums;
  const many = Array.isArray(options.argnums);
  return (...args: Args) => {
    const recording = record(f as (...a: never[]) => unknown, args, argnums, 'jacobian');
    const outputs = flatten(recording.result as Tree, 'jacobian: output').leaves;
    if (outputs.length !== 1) throw new Error(`jacobian: the function must return one tensor, got a tree of ${outputs.length}`);
    const output = outputs[0]!;
    const blocks = recording.trackedInputs.map((tracked) => tracked.map((t) => new Float64Array(output.size * t.size)));
    for (let o = 0; o < output.size; o++) {
      const seed = new Float64Array(output.size);
      seed[o] = 1;
      const rows = pullback(recording, [output], [seed]);
      rows.forEach((tree, a) => {
        flatten(tree).leaves.forEach((row, leaf) => blocks[a]![leaf]!.set(row.data, o * row.size));
      });
    }
    const results = recording.trackedInputs.map((tracked, a) =>
      recording.inputs[a]!.unflattenTensors(tracked.map((t, leaf) => new Tensor(blocks[a]![leaf]!, [...output.shape, ...t.shape]))),
    );
    return many ? results : results[0];
  };
}
