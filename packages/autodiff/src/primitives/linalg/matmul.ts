import { asTensor, type TensorLike } from '../../tensor/create.js';
import { broadcastIndex } from '../../tensor/indexMap.js';
import { formatShape, shapeSize } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';
import { reshape } from '../structure/reshape.js';
import { broadcastLeading } from './operands.js';

/** A batched product `[...batch, n, k] @ [...batch, k, m]`, batches broadcast. */
interface BatchedProduct {
  readonly n: number;
  readonly k: number;
  readonly m: number;
  /** For each output batch, the index of the batch of `a` it reads. */
  readonly aBatch: Int32Array;
  /** For each output batch, the index of the batch of `b` it reads. */
  readonly bBatch: Int32Array;
  readonly outShape: number[];
}

const matmulPrimitive = definePrimitive<BatchedProduct>({
  name: 'matmul',
  forward([a, b], { n, k, m, aBatch, bBatch, outShape }) {
    const aData = a!.data;
    const bData = b!.data;
    const out = new Float64Array(shapeSize(outShape));
    for (let batch = 0; batch < aBatch.length; batch++) {
      const aBase = aBatch[batch]! * n * k;
      const bBase = bBatch[batch]! * k * m;
      const outBase = batch * n * m;
      // i-p-j order walks b and out along rows, which the cache prefers.
      for (let i = 0; i < n; i++) {
        for (let p = 0; p < k; p++) {
          const aip = aData[aBase + i * k + p]!;
          const bRow = bBase + p * m;
          const outRow = outBase + i * m;
          for (let j = 0; j < m; j++) out[outRow + j] += aip * bData[bRow + j]!;
        }
      }
    }
    return new Tensor(out, outShape);
  },
  // ga = g @ b^T and gb = a^T @ g, summed over the batches each input was broadcast to.
  backward([g], [a, b], _outputs, { n, k, m, aBatch, bBatch }, needed) {
    const aData = a!.data;
    const bData = b!.data;
    const ga = needed[0] ? new Float64Array(a!.size) : null;
    const gb = needed[1] ? new Float64Array(b!.size) : null;
    for (let batch = 0; batch < aBatch.length; batch++) {
      const aBase = aBatch[batch]! * n * k;
      const bBase = bBatch[batch]! * k * m;
      const gBase = batch * n * m;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          const gij = g![gBase + i * m + j]!;
          if (gij === 0) continue;
          for (let p = 0; p < k; p++) {
            if (ga) ga[aBase + i * k + p] += gij * bData[bBase + p * m + j]!;
            if (gb) gb[bBase + p * m + j] += aData[aBase + i * k + p]! * gij;
          }
        }
      }
    }
    return [ga, gb];
  },
});

/**
 * Matrix product with numpy's `matmul` rules:
 * - 2-D @ 2-D: `[n, k] @ [k, m]` gives `[n, m]`;
 * - a 1-D operand is a row (on the left) or a column (on the right) vector,
 *   and that axis is removed from the result (1-D @ 1-D is the inner product);
 * - more axes: `[...batch, n, k] @ [...batch, k, m]`, the batch axes
 *   broadcast.
 *
 * @throws Error naming the shapes when an operand is a scalar, the inner
 *   lengths differ or the batch axes do not broadcast.
 * @example
 * ```ts
 * matmul([[1, 2], [3, 4]], [[5], [6]]).toArray(); // [[17], [39]]
 * matmul([[0, -1], [1, 0]], [1, 0]).toArray(); // [0, 1]
 * matmul([1, 2], [3, 4]).item(); // 11
 * ```
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  let ta = asTensor(a, 'matmul');
  let tb = asTensor(b, 'matmul');
  const aShape = ta.shape;
  const bShape = tb.shape;
  if (ta.ndim === 0 || tb.ndim === 0) {
    throw new Error(`matmul: operands need at least one axis, got shapes ${formatShape(aShape)} and ${formatShape(bShape)}`);
  }
  const aVector = ta.ndim === 1;
  const bVector = tb.ndim === 1;
  if (aVector) ta = reshape(ta, [1, ta.size]);
  if (bVector) tb = reshape(tb, [tb.size, 1]);
  const n = ta.shape[ta.ndim - 2]!;
  const k = ta.shape[ta.ndim - 1]!;
  const m = tb.shape[tb.ndim - 1]!;
  if (tb.shape[tb.ndim - 2] !== k) {
    throw new Error(
      `matmul: inner lengths differ: shapes ${formatShape(aShape)} and ${formatShape(bShape)} (${k} vs ${tb.shape[tb.ndim - 2]})`,
    );
  }
  const batchShape = broadcastLeading('matmul', ta.shape, tb.shape, 2);
  const aBatch = broadcastIndex(ta.shape.slice(0, -2), batchShape);
  const bBatch = broadcastIndex(tb.shape.slice(0, -2), batchShape);
  const outShape = [...batchShape, n, m];
  const result = matmulPrimitive.apply([ta, tb], { n, k, m, aBatch, bBatch, outShape }) as Tensor;
  if (!aVector && !bVector) return result;
  const finalShape = [...batchShape];
  if (!aVector) finalShape.push(n);
  if (!bVector) finalShape.push(m);
  return reshape(result, finalShape);
}
