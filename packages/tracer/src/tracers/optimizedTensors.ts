/**
 * The quantities of an optimised path written with the objects' own methods
 * (autodiff primitives): its points, the gradient of its length, its
 * interaction residuals and losses. They serve twice: on the tape, at the
 * solution, to carry gradients to TX, RX and the objects' coordinates (the
 * implicit derivative); and, under `noGrad`, as the numeric model of objects
 * that the fused kernels do not know (user-defined types).
 *
 * Shapes: `c` paths (rows), `n` unknowns per path, `K` objects.
 *
 * @module
 */
import {
  add,
  broadcastTo,
  concat,
  div,
  expandDims,
  formatShape,
  mul,
  normalize,
  reshape,
  slice,
  stack,
  sub,
  sum,
  take,
  Tensor,
  transpose,
  zeros,
} from '@differt2d/autodiff';
import type { Interactable } from '@differt2d/geometry';

/**
 * Step of the central differences that stand in for a missing
 * `parametricJacobian` (exact for affine maps up to rounding, ~1e-11).
 *
 * @example
 * ```ts
 * parametricJacobianTensor(userObject, s); // differences with this step when it has no parametricJacobian
 * ```
 */
export const PARAMETRIC_JACOBIAN_STEP = 1e-5;

/**
 * Step of the central differences of the loss for objects without
 * `interactionResiduals`.
 *
 * @example
 * ```ts
 * lossGradientTensor('minPaths', objects, offsets, tx, rx, x, rows, n, LOSS_GRADIENT_STEP);
 * ```
 */
export const LOSS_GRADIENT_STEP = 1e-6;

/** How far up its prototype chain an object defines a member (0: on itself; -1: nowhere). */
function definitionDepth(object: object, member: string): number {
  let depth = 0;
  for (let level: object | null = object; level !== null; level = Object.getPrototypeOf(level) as object | null, depth++) {
    if (Object.prototype.hasOwnProperty.call(level, member)) return depth;
  }
  return -1;
}

/**
 * Whether an object's optional `method` can be trusted to go with its
 * `base` method: it exists and is defined on the same class as `base` or on
 * a subclass of it. A subclass that overrides `interactionLoss` but inherits
 * `interactionResiduals` would otherwise be solved for its parent's physics.
 *
 * @example
 * ```ts
 * hasTrustedMethod(new Wall([[0, 0], [1, 0]]), 'interactionResiduals', 'interactionLoss'); // true
 * class Lossy extends Wall { override interactionLoss(a, b, c) { ... } }
 * hasTrustedMethod(new Lossy([[0, 0], [1, 0]]), 'interactionResiduals', 'interactionLoss'); // false
 * ```
 */
export function hasTrustedMethod(object: Interactable, method: 'interactionResiduals' | 'parametricJacobian', base: keyof Interactable): boolean {
  if (typeof object[method] !== 'function') return false;
  return definitionDepth(object, method) <= definitionDepth(object, base);
}

/**
 * Where each object's unknowns start in a path's vector of unknowns, and
 * their total.
 *
 * @example
 * ```ts
 * parameterOffsets([wall, vertex, wall]); // { offsets: [0, 1, 1], total: 2 }
 * ```
 */
export function parameterOffsets(objects: readonly Interactable[]): { offsets: number[]; total: number } {
  const offsets = new Array<number>(objects.length);
  let total = 0;
  for (let i = 0; i < objects.length; i++) {
    offsets[i] = total;
    total += objects[i]!.parameterCount;
  }
  return { offsets, total };
}

function checkRows(op: string, what: string, t: Tensor, rows: number, trailing: readonly number[]): Tensor {
  const expected = [rows, ...trailing];
  if (t.shape.length !== expected.length || t.shape.some((length, i) => length !== expected[i])) {
    throw new Error(`${op}: ${what} returned shape ${formatShape(t.shape)}, expected ${formatShape(expected)}`);
  }
  return t;
}

/** `objects[2]` or `objects[2] (walls[5])`, for messages. */
function objectName(objects: readonly Interactable[], i: number): string {
  const name = objects[i]!.name;
  return `objects[${i}]${name === undefined ? '' : ` (${name})`}`;
}

/**
 * The `K + 2` points of `c` paths: TX, each object's point at its slice of
 * `x`, RX.
 *
 * @param tx - `[c, 2]` (metres).
 * @param rx - `[c, 2]` (metres).
 * @param x - `[c, n]` unknowns.
 * @returns `K + 2` tensors `[c, 2]`.
 * @throws Error naming the object when its `parametricToCartesian` returns a wrong shape.
 * @example
 * ```ts
 * pathPointTensors('minPaths', [wall], [0], tx, rx, x).length; // 3
 * ```
 */
export function pathPointTensors(
  op: string,
  objects: readonly Interactable[],
  offsets: readonly number[],
  tx: Tensor,
  rx: Tensor,
  x: Tensor,
): Tensor[] {
  const rows = x.shape[0]!;
  const points = new Array<Tensor>(objects.length + 2);
  points[0] = tx;
  for (let i = 0; i < objects.length; i++) {
    const object = objects[i]!;
    const s = slice(x, [null, [offsets[i]!, offsets[i]! + object.parameterCount]]);
    points[i + 1] = checkRows(op, `${objectName(objects, i)}.parametricToCartesian`, object.parametricToCartesian(s), rows, [2]);
  }
  points[objects.length + 1] = rx;
  return points;
}

/**
 * `d xy / d s` of an object at `s` (`[c, p]`): its own `parametricJacobian`
 * when trusted, else central differences of `parametricToCartesian` (exact
 * for an affine map up to rounding, ~1e-11).
 *
 * @returns `[c, 2, p]` (metres per unit of `s`).
 * @example
 * ```ts
 * parametricJacobianTensor(wall, tensor([[0.5]])).toArray(); // [[[t.x], [t.y]]]
 * ```
 */
export function parametricJacobianTensor(object: Interactable, s: Tensor): Tensor {
  const p = object.parameterCount;
  const rows = s.shape[0]!;
  if (hasTrustedMethod(object, 'parametricJacobian', 'parametricToCartesian')) {
    return reshape(object.parametricJacobian!(s), [rows, 2, p]);
  }
  const h = PARAMETRIC_JACOBIAN_STEP;
  const columns = new Array<Tensor>(p);
  for (let j = 0; j < p; j++) {
    const offset = new Float64Array(p);
    offset[j] = h;
    const step = new Tensor(offset, [p]);
    columns[j] = div(sub(object.parametricToCartesian(add(s, step)), object.parametricToCartesian(sub(s, step))), 2 * h);
  }
  return stack(columns, -1);
}

/**
 * The gradient of the path length w.r.t. the unknowns, `F_i = P_i^T (u_i - u_{i+1})`
 * with `P_i` the object's parametric Jacobian and `u` the unit directions of
 * the segments before and after its point: 0 at a Fermat path.
 *
 * @param points - the `K + 2` points `[c, 2]` at `x`.
 * @param x - `[c, n]`.
 * @returns `[c, n]` (metres per unit of the unknowns).
 * @example
 * ```ts
 * lengthGradientTensor([wall], [0], points, x); // [[0]] at the reflection point
 * ```
 */
export function lengthGradientTensor(objects: readonly Interactable[], offsets: readonly number[], points: readonly Tensor[], x: Tensor): Tensor {
  const parts: Tensor[] = [];
  for (let i = 0; i < objects.length; i++) {
    const object = objects[i]!;
    const p = object.parameterCount;
    if (p === 0) continue;
    const jacobian = parametricJacobianTensor(object, slice(x, [null, [offsets[i]!, offsets[i]! + p]]));
    const incoming = normalize(sub(points[i + 1]!, points[i]!));
    const outgoing = normalize(sub(points[i + 2]!, points[i + 1]!));
    parts.push(sum(mul(jacobian, expandDims(sub(incoming, outgoing), -1)), -2));
  }
  return parts.length === 0 ? zeros([x.shape[0]!, 0]) : parts.length === 1 ? parts[0]! : concat(parts, -1);
}

/**
 * The interaction residuals of `c` paths, object after object.
 *
 * @param points - the `K + 2` points `[c, 2]`.
 * @returns `[c, m]`.
 * @throws Error naming the object when it has no `interactionResiduals` or they have a wrong shape.
 * @example
 * ```ts
 * residualTensor('minPaths', [wall], points).shape; // [c, 2]
 * ```
 */
export function residualTensor(op: string, objects: readonly Interactable[], points: readonly Tensor[]): Tensor {
  const rows = points[0]!.shape[0]!;
  const parts: Tensor[] = [];
  for (let i = 0; i < objects.length; i++) {
    const object = objects[i]!;
    if (typeof object.interactionResiduals !== 'function') throw new Error(`${op}: ${objectName(objects, i)} has no interactionResiduals`);
    const residuals = object.interactionResiduals(points[i]!, points[i + 1]!, points[i + 2]!);
    const width = residuals.shape[residuals.ndim - 1] ?? -1;
    checkRows(op, `${objectName(objects, i)}.interactionResiduals`, residuals, rows, [width]);
    if (width > 0) parts.push(residuals);
  }
  return parts.length === 0 ? zeros([rows, 0]) : parts.length === 1 ? parts[0]! : concat(parts, -1);
}

/**
 * The interaction loss of `c` paths: the sum of their objects' `interactionLoss`.
 *
 * @param points - the `K + 2` points `[c, 2]`.
 * @returns `[c]`.
 * @example
 * ```ts
 * lossTensor('minPaths', [wall], points).shape; // [c]
 * ```
 */
export function lossTensor(op: string, objects: readonly Interactable[], points: readonly Tensor[]): Tensor {
  const rows = points[0]!.shape[0]!;
  let total: Tensor | null = null;
  for (let i = 0; i < objects.length; i++) {
    const loss = checkRows(op, `${objectName(objects, i)}.interactionLoss`, objects[i]!.interactionLoss(points[i]!, points[i + 1]!, points[i + 2]!), rows, []);
    total = total === null ? loss : add(total, loss);
  }
  return total ?? zeros([rows]);
}

/**
 * Central differences of the interaction loss along each unknown, at the
 * fixed unknowns `x` but as functions (on the tape) of TX, RX and the
 * objects: the stationarity condition of min-path tracing for objects that
 * only define a loss. Differences of a smooth function, so its gradients
 * w.r.t. TX, RX and the objects are the mixed second derivatives of the loss
 * to `O(h^2)`.
 *
 * @param tx - `[c, 2]`.
 * @param rx - `[c, 2]`.
 * @param x - `[c, n]` values (constants).
 * @returns `[c, n]`.
 * @example
 * ```ts
 * lossGradientTensor('minPaths', [surface], [0], tx, rx, xStar, 1, 1); // [[~0]] at a min-path
 * ```
 */
export function lossGradientTensor(
  op: string,
  objects: readonly Interactable[],
  offsets: readonly number[],
  tx: Tensor,
  rx: Tensor,
  x: Float64Array,
  rows: number,
  n: number,
  h = LOSS_GRADIENT_STEP,
): Tensor {
  // Stencil rows [n, 2, c, n]: (x + h e_j, x - h e_j) for each unknown j.
  const stencil = new Float64Array(2 * n * rows * n);
  for (let j = 0; j < n; j++) {
    for (let sign = 0; sign < 2; sign++) {
      const base = (2 * j + sign) * rows * n;
      stencil.set(x.subarray(0, rows * n), base);
      for (let r = 0; r < rows; r++) stencil[base + r * n + j] += sign === 0 ? h : -h;
    }
  }
  const stacked = 2 * n * rows;
  const txs = reshape(broadcastTo(tx, [2 * n, rows, 2]), [stacked, 2]);
  const rxs = reshape(broadcastTo(rx, [2 * n, rows, 2]), [stacked, 2]);
  const points = pathPointTensors(op, objects, offsets, txs, rxs, new Tensor(stencil, [stacked, n]));
  const losses = reshape(lossTensor(op, objects, points), [n, 2, rows]);
  return transpose(div(sub(take(losses, 0, 1), take(losses, 1, 1)), 2 * h));
}
