/**
 * Validity criterion 1: every interaction point lies on its object.
 *
 * @module
 */
import { noGrad, ones, take, Tensor, type TensorLike } from '@differt2d/autodiff';
import { logicalAnd, resolveApprox, Wall, type ApproxOptions, type Interactable, type ResolvedApprox } from '@differt2d/geometry';
import { checkedObjects } from '../tracers/imageOperands.js';
import { checkCandidate, pathsLayout, type PathsLayout } from './validityOptions.js';

/**
 * Whether an object's containment test is exactly the wall's (`0 <= s <= 1`
 * on `s = (p - origin) . t / (t . t)`), so that the exact test may run as a
 * plain loop: walls, RIS, and subclasses that keep both methods.
 */
function hasWallContainment(object: Interactable): object is Wall {
  return (
    object instanceof Wall &&
    object.cartesianToParametric === Wall.prototype.cartesianToParametric &&
    object.contains === Wall.prototype.contains
  );
}

/**
 * Criterion 1 on checked operands.
 *
 * @internal
 * @example
 * ```ts
 * onObjectsChecked(pathsLayout('op', points), walls, [0], resolveApprox({})).toArray(); // [1, 0]
 * ```
 */
export function onObjectsChecked(
  layout: PathsLayout,
  objects: readonly Interactable[],
  candidate: readonly number[],
  approx: ResolvedApprox,
): Tensor {
  if (approx.approx) {
    let inside: Tensor | null = null;
    for (let k = 0; k < candidate.length; k++) {
      const object = objects[candidate[k]!]!;
      const onObject = object.contains(object.cartesianToParametric(take(layout.points, k + 1, -2)), approx);
      inside = inside === null ? onObject : logicalAnd(inside, onObject, approx);
    }
    return inside ?? ones(layout.batch);
  }
  // Exact: 0/1 with no gradient, so nothing is recorded. Walls run as one
  // loop over the paths (the same arithmetic as Wall.cartesianToParametric,
  // hence the same answers), skipping paths already off an object; other
  // objects use their own methods.
  return noGrad(() => {
    const count = layout.count;
    const inside = new Float64Array(count).fill(1);
    const p = layout.points.data;
    const pathStride = 2 * (candidate.length + 2);
    for (let k = 0; k < candidate.length; k++) {
      const object = objects[candidate[k]!]!;
      const at = 2 * (k + 1);
      if (hasWallContainment(object)) {
        const ox = object.origin.data[0]!;
        const oy = object.origin.data[1]!;
        const tx = object.direction.data[0]!;
        const ty = object.direction.data[1]!;
        const tt = tx * tx + ty * ty;
        for (let i = 0; i < count; i++) {
          if (inside[i] === 0) continue;
          const s = ((p[i * pathStride + at]! - ox) * tx + (p[i * pathStride + at + 1]! - oy) * ty) / tt;
          if (!(s >= 0 && s <= 1)) inside[i] = 0;
        }
      } else {
        const onObject = object.contains(object.cartesianToParametric(take(layout.points, k + 1, -2)), approx).data;
        for (let i = 0; i < count; i++) if (onObject[i] === 0) inside[i] = 0;
      }
    }
    return new Tensor(inside, [...layout.batch]);
  });
}

/**
 * Whether every interaction point of the paths lies on its object: point k
 * is converted to the parametric coordinates of `objects[candidate[k]]`
 * (`cartesianToParametric`), which must be on it (`contains`; for a wall,
 * `0 <= s <= 1`). Exact 0/1 (no gradient) or, under approximation, smoothed
 * and combined with `min` (differentiable w.r.t. the points and objects).
 * Line of sight (K = 0) is always 1.
 *
 * Works for any `Interactable`, user-defined types included.
 *
 * @param points - `[..., K + 2, 2]`: TX, the K interaction points, RX (metres).
 * @param objects - the scene's objects.
 * @param candidate - the K indices into `objects` the paths interact with, in order.
 * @param options - smoothing (`approx`, `alpha`, `activation`).
 * @returns `[...]`: 1 when all points are on their objects, else 0 (or in [0, 1] smoothed).
 * @throws Error naming the function for a bad shape, an object that is not
 *   interactable, or a candidate index out of range.
 * @example
 * ```ts
 * const floor = new Wall([[0, 0], [1, 0]]);
 * interactionPointsOnObjects([[[0, 1], [0.5, 0], [1, 1]], [[0, 1], [1.5, 0], [3, 1]]], [floor], [0]).toArray(); // [1, 0]
 * ```
 */
export function interactionPointsOnObjects(
  points: TensorLike,
  objects: readonly Interactable[],
  candidate: readonly number[],
  options: ApproxOptions = {},
): Tensor {
  const op = 'interactionPointsOnObjects';
  const layout = pathsLayout(op, points);
  const checkedList = checkedObjects(op, 'objects', objects);
  checkCandidate(op, candidate, checkedList.length, layout.interactions);
  return onObjectsChecked(layout, checkedList, candidate, resolveApprox(options, op));
}
