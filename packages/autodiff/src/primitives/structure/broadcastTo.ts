import { expandData, sumToShape } from '../../tensor/broadcast.js';
import { asTensor, type TensorLike } from '../../tensor/create.js';
import { broadcastShapes, checkShape, formatShape, shapesEqual, type Shape } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { definePrimitive } from '../../tape/primitive.js';

const broadcastToPrimitive = definePrimitive<Shape>({
  name: 'broadcastTo',
  forward([x], shape) {
    return new Tensor(expandData(x!.data, x!.shape, shape), shape);
  },
  backward([g], [x], _outputs, shape) {
    return [sumToShape(g!, shape, x!.shape)];
  },
});

/**
 * The tensor repeated to a given shape under numpy's broadcasting rules
 * (axes aligned on the right, length-1 axes stretched). The gradient sums
 * over the repeats.
 *
 * @throws Error naming both shapes when `x` does not broadcast to `shape`.
 * @example
 * ```ts
 * broadcastTo([1, 2], [2, 2]).toArray(); // [[1, 2], [1, 2]]
 * broadcastTo(5, [3]).toArray(); // [5, 5, 5]
 * ```
 */
export function broadcastTo(x: TensorLike, shape: Shape): Tensor {
  const t = asTensor(x, 'broadcastTo');
  checkShape('broadcastTo', shape);
  const fail = (): never => {
    throw new Error(`broadcastTo: cannot broadcast shape ${formatShape(t.shape)} to ${formatShape(shape)}`);
  };
  let target: number[] = [];
  try {
    target = broadcastShapes('broadcastTo', t.shape, shape);
  } catch {
    fail();
  }
  if (!shapesEqual(target, shape)) fail();
  if (shapesEqual(t.shape, shape)) return t;
  return broadcastToPrimitive.apply([t], [...shape]) as Tensor;
}
