/**
 * A ray: a directed segment from an origin to a destination.
 *
 * @module
 */
import {
  add,
  asTensor,
  cos,
  matmul,
  max,
  min,
  mul,
  norm,
  sin,
  stack,
  sub,
  take,
  type Tensor,
  type TensorLike,
} from '@differt2d/autodiff';
import { checkedCoordinates, checkedScalar, type ObjectOptions } from './coordinates.js';
import { Extent } from './extent.js';

// x @ QUARTER_TURN turns row vectors by +90 degrees: (x, y) -> (-y, x).
const QUARTER_TURN = [
  [0, 1],
  [-1, 0],
];

/**
 * A directed segment `xys = [origin, dest]` (metres), with direction
 * `t = dest - origin`. Immutable; the coordinates are a Tensor, so a ray
 * built inside `grad` from a differentiated tensor carries gradients.
 *
 * @example
 * ```ts
 * const ray = new Ray([[0, 0], [3, 4]]);
 * ray.direction.toArray(); // [3, 4]
 * ray.length().item(); // 5
 * ```
 */
export class Ray extends Extent {
  /** `[[origin x, origin y], [dest x, dest y]]`, shape `[2, 2]` (metres). */
  readonly xys: Tensor;
  /** The start `[2]` (metres). */
  readonly origin: Tensor;
  /** The end `[2]` (metres). */
  readonly dest: Tensor;
  /** `t = dest - origin`, shape `[2]` (metres). */
  readonly direction: Tensor;
  /** Where the object comes from, for messages (e.g. `walls[3]`). */
  readonly name: string | undefined;

  /**
   * @param xys - `[[x0, y0], [x1, y1]]` (metres): nested numbers, or a Tensor of shape `[2, 2]`.
   * @param options - `name`, used instead of the class name in error messages.
   * @throws Error naming the value for a wrong shape or a NaN / infinite coordinate.
   */
  constructor(xys: TensorLike, options: ObjectOptions = {}) {
    super();
    this.name = options.name;
    this.xys = checkedCoordinates(xys, [2, 2], this.messagePrefix(new.target.name), 'xys ([origin, dest])', [
      'origin.x',
      'origin.y',
      'dest.x',
      'dest.y',
    ]);
    this.origin = take(this.xys, 0);
    this.dest = take(this.xys, 1);
    this.direction = sub(this.dest, this.origin);
  }

  /** The start of this object's error messages: its name, or else its class. */
  protected messagePrefix(className: string): string {
    return this.name ?? className;
  }

  /**
   * The length `|t|` (metres).
   *
   * @returns a scalar tensor.
   * @example
   * ```ts
   * new Ray([[0, 0], [3, 4]]).length().item(); // 5
   * ```
   */
  length(): Tensor {
    return norm(this.direction);
  }

  /**
   * `[[min x, min y], [max x, max y]]` of the two ends.
   *
   * @returns `[2, 2]` (metres).
   * @example
   * ```ts
   * new Ray([[1, 0], [0, 2]]).boundingBox().toArray(); // [[0, 0], [1, 2]]
   * ```
   */
  boundingBox(): Tensor {
    return stack([min(this.xys, 0), max(this.xys, 0)]);
  }

  /**
   * The same object moved by `offset`.
   *
   * @param offset - `[2]` (metres).
   * @example
   * ```ts
   * new Wall([[0, 0], [1, 0]]).translate([0, 1]).xys.toArray(); // [[0, 1], [1, 1]]
   * ```
   */
  translate(offset: TensorLike): this {
    return this.withXys(add(this.xys, offset));
  }

  /**
   * The same object turned counter-clockwise by `angle` about `center`.
   *
   * @param angle - radians (a number or a scalar tensor, differentiable).
   * @param center - `[2]` (metres); the middle of the segment by default.
   * @example
   * ```ts
   * new Wall([[0, 0], [2, 0]]).rotate(Math.PI / 2).xys.toArray(); // ~[[1, -1], [1, 1]]
   * ```
   */
  rotate(angle: TensorLike, center?: TensorLike): this {
    const theta = checkedScalar(angle, `${this.messagePrefix(this.constructor.name)}.rotate`, 'angle');
    const pivot = center === undefined ? this.center() : asTensor(center);
    const offsets = sub(this.xys, pivot);
    // R(theta) v = cos(theta) v + sin(theta) (v turned by +90 degrees)
    const turned = add(mul(offsets, cos(theta)), mul(matmul(offsets, QUARTER_TURN), sin(theta)));
    return this.withXys(add(pivot, turned));
  }

  /**
   * An object like this one with other coordinates. Subclasses with more
   * state (a RIS's angle, a user type's parameters) override it, so that
   * `translate` and `rotate` keep that state.
   */
  protected withXys(xys: Tensor): this {
    return new Ray(xys, { name: this.name }) as this;
  }
}
