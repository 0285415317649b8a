/**
 * Checking the operands of the image method and laying out batches of TX and
 * RX positions, so that bad input fails at the boundary with a message naming
 * the argument, never as a NaN deep inside a kernel.
 *
 * @module
 */
import { broadcastTo, definePrimitive, formatShape, reshape, shapeSize, shapesEqual, Tensor, type TensorLike } from '@differt2d/autodiff';
import { isInteractable, Wall, type Interactable } from '@differt2d/geometry';
import { checkedPositionTensor, describeValue } from './operandChecks.js';

/**
 * Positions `[..., 2]` (metres), checked: a last axis of length 2 and every
 * coordinate finite.
 *
 * @param op - the function asking, quoted in errors.
 * @param name - the argument, quoted in errors (e.g. `tx`).
 * @throws Error such as `imagePaths: rx[1, 0] has a NaN y coordinate`.
 * @example
 * ```ts
 * checkedPositions('imagePaths', 'tx', [[0, 0], [1, 1]]).shape; // [2, 2]
 * checkedPositions('imagePaths', 'tx', [0, NaN]); // throws "imagePaths: tx has a NaN y coordinate"
 * ```
 */
export function checkedPositions(op: string, name: string, value: TensorLike): Tensor {
  return checkedPositionTensor(op, name, value, 'is not a valid array of positions');
}

/**
 * The batch shape of TX and RX positions: their leading axes, broadcast.
 *
 * @throws Error naming both arguments and shapes when they do not broadcast.
 * @example
 * ```ts
 * positionsBatchShape('imagePaths', tensor([0, 0]), tensor([[1, 1], [2, 2]])); // [2]
 * ```
 */
export function positionsBatchShape(op: string, tx: Tensor, rx: Tensor): number[] {
  const a = tx.shape.slice(0, -1);
  const b = rx.shape.slice(0, -1);
  const ndim = Math.max(a.length, b.length);
  const result = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) {
    const x = a[a.length - ndim + i] ?? 1;
    const y = b[b.length - ndim + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new Error(
        `${op}: the batch axes of tx ${formatShape(tx.shape)} and rx ${formatShape(rx.shape)} do not broadcast ` +
          `(leading shapes ${formatShape(a)} and ${formatShape(b)})`,
      );
    }
    result[i] = x === 1 ? y : x;
  }
  return result;
}

/**
 * Positions `[..., 2]` as the kernels want them: `[2]` when there is one
 * position for the whole batch (shared, not repeated), else `[N, 2]` in the
 * batch's row-major order (repeated along broadcast axes only when needed).
 * Differentiable: a shared position gets the sum of its paths' gradients.
 *
 * @example
 * ```ts
 * flatPositions(tensor([[1, 2]]), [3]).shape; // [2]
 * flatPositions(tensor([[1, 2], [3, 4]]), [2]).shape; // [2, 2]
 * ```
 */
export function flatPositions(positions: Tensor, batch: readonly number[]): Tensor {
  const leading = positions.shape.slice(0, -1);
  if (shapeSize(leading) === 1) return positions.ndim === 1 ? positions : reshape(positions, [2]);
  const count = shapeSize(batch);
  if (shapesEqual(leading, batch)) return positions.ndim === 2 ? positions : reshape(positions, [count, 2]);
  return reshape(broadcastTo(positions, [...batch, 2]), [count, 2]);
}

/**
 * Whether an object is a specular wall, the only object the image method
 * handles: a `Wall` of kind `wall` (a RIS or a user subclass changes how rays
 * leave, which images cannot express).
 *
 * @example
 * ```ts
 * isSpecularWall(new Wall([[0, 0], [1, 0]])); // true
 * isSpecularWall(new RIS([[0, 0], [1, 0]])); // false
 * ```
 */
export function isSpecularWall(value: unknown): value is Wall {
  return value instanceof Wall && value.kind === 'wall';
}

/**
 * What an object is, for error messages: `a ris`, `a number`, `null`.
 */
function describe(value: unknown): string {
  if (isInteractable(value)) return `a ${value.kind}${value.name === undefined ? '' : ` (${value.name})`}`;
  return describeValue(value);
}

/**
 * The walls of an image-method call, checked: an array of specular walls.
 *
 * @param name - the argument (e.g. `walls`), quoted as `walls[2]` in errors.
 * @throws Error such as `imagePaths: walls[1] is a ris, not a wall: the image method handles specular walls only ...`.
 * @example
 * ```ts
 * checkedWalls('imagePaths', 'walls', [new Wall([[0, 0], [1, 0]])]).length; // 1
 * ```
 */
export function checkedWalls(op: string, name: string, walls: readonly unknown[]): readonly Wall[] {
  if (!Array.isArray(walls)) throw new Error(`${op}: ${name} must be an array of Wall objects, got ${describe(walls)}`);
  for (let k = 0; k < walls.length; k++) {
    const wall = walls[k];
    if (!isSpecularWall(wall)) {
      throw new Error(
        `${op}: ${name}[${k}] is ${describe(wall)}, not a wall: the image method handles specular walls only ` +
          `(use the Fermat or min-path tracer for other objects)`,
      );
    }
  }
  return walls as readonly Wall[];
}

// Gathers the walls' [2, 2] coordinate tensors into one [K, 2, 2] tensor in
// one tape record: autodiff's `stack` costs an expandDims per wall plus a
// concat, which dominated the time of a single short path.
const stackWallsPrimitive = definePrimitive<void>({
  name: 'tracer.stackWallCoordinates',
  forward(walls) {
    const out = new Float64Array(4 * walls.length);
    for (let k = 0; k < walls.length; k++) out.set(walls[k]!.data, 4 * k);
    return new Tensor(out, [walls.length, 2, 2]);
  },
  backward([g], walls, _outputs, _params, needed) {
    const cotangents = new Array<Float64Array | null>(walls.length);
    for (let k = 0; k < walls.length; k++) cotangents[k] = needed[k] ? g!.slice(4 * k, 4 * k + 4) : null;
    return cotangents;
  },
});

/**
 * The coordinates of walls as one `[K, 2, 2]` tensor (origin, dest of each),
 * gathered from each wall's `xys` in one differentiable step, so that
 * gradients reach every wall.
 *
 * @example
 * ```ts
 * stackedWallCoordinates([new Wall([[0, 0], [1, 0]])]).shape; // [1, 2, 2]
 * ```
 */
export function stackedWallCoordinates(walls: readonly Wall[]): Tensor {
  const coordinates = new Array<Tensor>(walls.length);
  for (let k = 0; k < walls.length; k++) coordinates[k] = walls[k]!.xys;
  return stackWallsPrimitive.apply(coordinates, undefined) as Tensor;
}

/**
 * The interacting objects of a scene, checked: an array of `Interactable`s.
 *
 * @throws Error naming the first entry that is not an interacting object.
 * @example
 * ```ts
 * checkedObjects('tracePaths', 'objects', [new Wall([[0, 0], [1, 0]])]).length; // 1
 * ```
 */
export function checkedObjects(op: string, name: string, objects: readonly unknown[]): readonly Interactable[] {
  if (!Array.isArray(objects)) throw new Error(`${op}: ${name} must be an array of interacting objects, got ${describe(objects)}`);
  for (let k = 0; k < objects.length; k++) {
    if (!isInteractable(objects[k])) {
      throw new Error(`${op}: ${name}[${k}] is ${describe(objects[k])}, not an interacting object (Wall, RIS, Vertex or an Interactable)`);
    }
  }
  return objects as readonly Interactable[];
}
