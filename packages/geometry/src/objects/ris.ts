/**
 * A reconfigurable intelligent surface (RIS): a metasurface that sends every
 * reflected ray out at one fixed angle.
 *
 * @module
 */
import { broadcastTo, cos, cross, dot, neg, normalize, sin, square, stack, sub, sum, type Tensor, type TensorLike } from '@differt2d/autodiff';
import { batchOf, batchShape, checkedScalar, type ObjectOptions } from './coordinates.js';
import { Wall } from './wall.js';

/**
 * Options of the `RIS` constructor.
 *
 * @example
 * ```ts
 * const options: RISOptions = { phi: Math.PI / 6, name: 'ris[0]' };
 * new RIS([[0.5, 0.3], [0.5, 0.7]], options).phi.item(); // 0.5235987755982988
 * ```
 */
export interface RISOptions extends ObjectOptions {
  /**
   * Angle (radians) between the wall's normal and the reflected ray, counted
   * positive from the normal towards `-t` (see `RIS`); default pi / 4.
   * A number or a scalar tensor (differentiable).
   */
  phi?: TensorLike;
}

/**
 * A RIS: a wall whose reflected ray leaves at the fixed angle `phi` to its
 * normal whatever the incidence. Geometry, containment and blocking are the
 * wall's; the interaction loss compares the outgoing direction
 * `r = normalize(c - b)` with `phi`: with `sin_a = cross(-r, n)` and
 * `cos_a = dot(-r, n)`, loss = `(sin_a - sin phi)^2 + (cos_a - cos phi)^2`.
 *
 * @example
 * ```ts
 * // Vertical RIS, normal (1, 0): rays leave towards the upper left at 45 degrees.
 * const ris = new RIS([[0.5, 0.3], [0.5, 0.7]], { phi: Math.PI / 4 });
 * ris.interactionLoss([0.2, 0.2], [0.5, 0.5], [0.4, 0.6]).item(); // ~0
 * ```
 */
export class RIS extends Wall {
  /** Always `ris`. */
  override readonly kind: string = 'ris';
  /** The reflection angle (radians), a scalar tensor. */
  readonly phi: Tensor;

  /**
   * @param xys - `[[x0, y0], [x1, y1]]` (metres), origin then dest.
   * @param options - `phi` (radians, default pi / 4) and `name` (for error messages).
   * @throws Error naming the value for a wrong shape, a NaN / infinite
   *   coordinate or angle, or a zero-length surface.
   */
  constructor(xys: TensorLike, options: RISOptions = {}) {
    super(xys, options);
    this.phi = checkedScalar(options.phi ?? Math.PI / 4, this.messagePrefix(new.target.name), 'phi');
  }

  /**
   * The distance, on the unit circle, between the outgoing direction and the
   * one `phi` prescribes (the incidence `a` is ignored, as in DiffeRT2d): the
   * sum of the squares of `interactionResiduals` (this object's).
   *
   * @param a - previous points `[..., 2]` (metres); only their batch shape counts.
   * @param b - points on the surface `[..., 2]`.
   * @param c - next points `[..., 2]`.
   * @returns `[...]` (unitless, in [0, 4]).
   * @example
   * ```ts
   * new RIS([[0, 0], [0, 1]]).interactionLoss([-1, 0], [0, 0.5], [-1, 1.5]).item(); // ~0
   * ```
   */
  override interactionLoss(a: TensorLike, b: TensorLike, c: TensorLike): Tensor {
    const op = this.op('interactionLoss');
    const previous = batchOf(a, 2, op, 'a');
    const on = batchOf(b, 2, op, 'b');
    const next = batchOf(c, 2, op, 'c');
    batchShape(op, previous, on, next); // a mismatch fails here, naming this method
    return sum(square(this.interactionResiduals(previous, on, next)), -1);
  }

  /**
   * The two residuals of the outgoing direction: with `r = normalize(c - b)`,
   * `[cross(-r, n) - sin phi, dot(-r, n) - cos phi]` (both 0 when the ray
   * leaves at `phi`).
   *
   * @param a - previous points `[..., 2]` (metres); only their batch shape counts.
   * @param b - points on the surface `[..., 2]`.
   * @param c - next points `[..., 2]`.
   * @returns `[..., 2]` (unitless), differentiable w.r.t. `b`, `c`, the surface and `phi`.
   * @example
   * ```ts
   * new RIS([[0, 0], [0, 1]]).interactionResiduals([-1, 0], [0, 0.5], [-1, 1.5]).toArray(); // [~0, ~0]
   * ```
   */
  override interactionResiduals(a: TensorLike, b: TensorLike, c: TensorLike): Tensor {
    const op = this.op('interactionResiduals');
    const previous = batchOf(a, 2, op, 'a');
    const on = batchOf(b, 2, op, 'b');
    const next = batchOf(c, 2, op, 'c');
    const n = this.normal();
    const backwards = neg(normalize(sub(next, on)));
    const residuals = stack([sub(cross(backwards, n), sin(this.phi)), sub(dot(backwards, n), cos(this.phi))], -1);
    // a does not enter the residuals, but its batch axes do enter the result's shape
    return broadcastTo(residuals, [...batchShape(op, previous, on, next), 2]);
  }

  protected override withXys(xys: Tensor): this {
    return new RIS(xys, { name: this.name, phi: this.phi }) as this;
  }
}
