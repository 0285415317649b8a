/**
 * A vertex: a point object that diffracts rays (a wall's corner).
 *
 * @module
 */
import { broadcastShapes, broadcastTo, ones, zeros, type Tensor, type TensorLike } from '@differt2d/autodiff';
import type { ApproxOptions } from '../logic/settings.js';
import { batchOf, leadingShape, type ObjectOptions } from './coordinates.js';
import type { Interactable, IntersectOptions } from './interactable.js';
import { Point } from './point.js';

/**
 * A point object for corner diffraction. A point on it needs no parametric
 * coordinate (`parameterCount` 0); it always contains its point, never blocks
 * a ray (`intersects` is 0) and its interaction loss is 0: any direction of
 * the diffracted ray is allowed.
 *
 * @example
 * ```ts
 * const corner = new Vertex([0.3, 0.4]);
 * corner.parametricToCartesian(zeros([0])).toArray(); // [0.3, 0.4]
 * corner.interactionLoss([[0, 0]], [[0.3, 0.4]], [[1, 1]]).toArray(); // [0]
 * ```
 */
export class Vertex extends Point implements Interactable {
  /** Always `vertex`. */
  readonly kind: string = 'vertex';
  /** No parametric coordinate: the vertex is a single point. */
  readonly parameterCount: number = 0;
  /** A corner does not stop rays (its walls do). */
  readonly blocksRays: boolean = false;

  /**
   * @param xy - `[x, y]` (metres).
   * @param options - `name`, used in error messages.
   * @throws Error naming the value for a wrong shape or a NaN / infinite coordinate.
   */
  constructor(xy: TensorLike, options: ObjectOptions = {}) {
    super(xy, options);
  }

  private op(method: string): string {
    return `${this.name ?? 'Vertex'}.${method}`;
  }

  /**
   * The vertex itself, once per batch element.
   *
   * @param s - `[..., 0]`.
   * @returns `[..., 2]` (metres), differentiable w.r.t. the vertex.
   * @example
   * ```ts
   * new Vertex([1, 2]).parametricToCartesian(zeros([3, 0])).toArray(); // [[1, 2], [1, 2], [1, 2]]
   * ```
   */
  parametricToCartesian(s: TensorLike): Tensor {
    const parameters = batchOf(s, 0, this.op('parametricToCartesian'), 's');
    return broadcastTo(this.xy, [...leadingShape(parameters), 2]);
  }

  /**
   * No coordinates to find: an empty vector per point.
   *
   * @param xy - `[..., 2]` (metres).
   * @returns `[..., 0]`.
   * @example
   * ```ts
   * new Vertex([1, 2]).cartesianToParametric([[5, 5]]).shape; // [1, 0]
   * ```
   */
  cartesianToParametric(xy: TensorLike): Tensor {
    const points = batchOf(xy, 2, this.op('cartesianToParametric'), 'xy');
    return zeros([...leadingShape(points), 0]);
  }

  /**
   * Always 1: the only point of a vertex is on it.
   *
   * @param s - `[..., 0]`.
   * @returns `[...]`.
   * @example
   * ```ts
   * new Vertex([1, 2]).contains(zeros([0])).item(); // 1
   * ```
   */
  contains(s: TensorLike, _options?: ApproxOptions): Tensor {
    return ones(leadingShape(batchOf(s, 0, this.op('contains'), 's')));
  }

  /**
   * Always 0: a vertex never blocks a ray.
   *
   * @param p - `[..., 2]` (metres).
   * @param q - `[..., 2]` (metres).
   * @returns `[...]`.
   * @example
   * ```ts
   * new Vertex([0.5, 0.5]).intersects([0, 0], [1, 1]).item(); // 0
   * ```
   */
  intersects(p: TensorLike, q: TensorLike, _options?: IntersectOptions): Tensor {
    const op = this.op('intersects');
    return zeros(broadcastShapes(op, leadingShape(batchOf(p, 2, op, 'p')), leadingShape(batchOf(q, 2, op, 'q'))));
  }

  /**
   * Always 0: a diffracted ray may leave in any direction.
   *
   * @param a - `[..., 2]` (metres).
   * @param b - `[..., 2]` (metres).
   * @param c - `[..., 2]` (metres).
   * @returns `[...]`.
   * @example
   * ```ts
   * new Vertex([0, 0]).interactionLoss([1, 0], [0, 0], [0, 1]).item(); // 0
   * ```
   */
  interactionLoss(a: TensorLike, b: TensorLike, c: TensorLike): Tensor {
    const op = this.op('interactionLoss');
    const shapes = [batchOf(a, 2, op, 'a'), batchOf(b, 2, op, 'b'), batchOf(c, 2, op, 'c')].map(leadingShape);
    return zeros(broadcastShapes(op, ...shapes));
  }

  /**
   * No residuals: a diffracted ray may leave in any direction.
   *
   * @param a - `[..., 2]` (metres).
   * @param b - `[..., 2]` (metres).
   * @param c - `[..., 2]` (metres).
   * @returns `[..., 0]`.
   * @example
   * ```ts
   * new Vertex([0, 0]).interactionResiduals([[1, 0]], [0, 0], [0, 1]).shape; // [1, 0]
   * ```
   */
  interactionResiduals(a: TensorLike, b: TensorLike, c: TensorLike): Tensor {
    const op = this.op('interactionResiduals');
    const shapes = [batchOf(a, 2, op, 'a'), batchOf(b, 2, op, 'b'), batchOf(c, 2, op, 'c')].map(leadingShape);
    return zeros([...broadcastShapes(op, ...shapes), 0]);
  }

  /**
   * An empty Jacobian: a vertex has no parametric coordinate.
   *
   * @param s - `[..., 0]`.
   * @returns `[..., 2, 0]`.
   * @example
   * ```ts
   * new Vertex([1, 2]).parametricJacobian(zeros([3, 0])).shape; // [3, 2, 0]
   * ```
   */
  parametricJacobian(s: TensorLike): Tensor {
    const parameters = batchOf(s, 0, this.op('parametricJacobian'), 's');
    return zeros([...leadingShape(parameters), 2, 0]);
  }

  protected override withXy(xy: Tensor): this {
    return new Vertex(xy, { name: this.name }) as this;
  }
}
