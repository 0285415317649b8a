/**
 * The two extremum reductions (min, max) share one gradient rule: the
 * cotangent goes to the elements equal to the result, split equally among
 * ties.
 *
 * @module
 */
import { Tensor } from '../../tensor/tensor.js';
import type { Cotangents } from '../../tape/primitive.js';
import type { ReducedIndex } from './reducedIndex.js';

/**
 * The vector-Jacobian product of a min or max reduction.
 *
 * @internal
 */
export function extremumBackward(g: Float64Array, x: Tensor, out: Tensor, reduced: ReducedIndex): Cotangents {
  const index = reduced.index;
  const data = x.data;
  const result = out.data;
  const ties = new Float64Array(result.length);
  for (let i = 0; i < data.length; i++) {
    const o = index[i]!;
    if (data[i] === result[o]) ties[o] += 1;
  }
  const gx = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const o = index[i]!;
    const go = g[o]!;
    if (go !== 0 && data[i] === result[o]) gx[i] = go / ties[o]!;
  }
  return [gx];
}
