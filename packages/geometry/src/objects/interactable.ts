/**
 * The contract of an object a ray can interact with (reflect on, diffract
 * around...). Tracers that do not need images (Fermat, min-path) only use
 * this interface, so a new object type works with them as soon as it
 * implements it.
 *
 * @module
 */
import type { Tensor } from '@differt2d/autodiff';
import type { ApproxOptions } from '../logic/settings.js';

/**
 * Options of `Interactable.intersects`: the smoothing, and how generous the test is.
 *
 * @example
 * ```ts
 * const options: IntersectOptions = { approx: true, alpha: 50, tolerance: 0, patch: -0.01 };
 * new Wall([[0, 0], [1, 0]]).intersects([0.5, 1], [0.5, -1], options).item(); // 1
 * ```
 */
export interface IntersectOptions extends ApproxOptions {
  /**
   * How far outside [0, 1] each parametric coordinate of the crossing (along
   * the segment and along the object) may be and still count, as a fraction
   * of the length (default 0.005, as DiffeRT2d): a ray that grazes a wall's
   * end is blocked.
   */
  tolerance?: number;
  /**
   * Fraction of the object's length added at each end before testing
   * (default 0); a negative value shrinks it, so that e.g. a path ending on a
   * wall is not blocked by that wall's neighbour. Must be above -0.5.
   */
  patch?: number;
}

/**
 * An object rays interact with. Every method broadcasts over leading (batch)
 * axes, is built from autodiff primitives, and is differentiable with respect
 * to its inputs and to the object's own coordinates. Coordinates are in
 * metres, angles in radians.
 *
 * A parametric coordinate `s` (`parameterCount` values per point; 1 for a
 * wall, 0 for a vertex) locates a point on the object; tracers optimise over
 * it.
 *
 * @example
 * A user-defined type: a phase-gradient metasurface, which reflects by the
 * generalised Snell's law `sin(theta_r) = sin(theta_i) + g`. Extending `Wall`
 * gives it the wall's geometry; only the interaction loss changes.
 * ```ts
 * import { add, asTensor, dot, mul, normalize, relu, square, sub, type Tensor, type TensorLike } from '@differt2d/autodiff';
 * import { Wall, type ObjectOptions } from '@differt2d/geometry';
 *
 * class PhaseGradientMetasurface extends Wall {
 *   override readonly kind = 'phase-gradient-metasurface';
 *   // g: the phase gradient over the wavenumber (unitless)
 *   readonly gradient: Tensor;
 *
 *   constructor(xys: TensorLike, gradient: TensorLike, options: ObjectOptions = {}) {
 *     super(xys, options);
 *     this.gradient = asTensor(gradient);
 *   }
 *
 *   // Angles from the normal, positive towards the wall's direction: the sine
 *   // of a unit vector's angle is its component along the wall.
 *   override interactionLoss(a: TensorLike, b: TensorLike, c: TensorLike): Tensor {
 *     const along = normalize(this.direction);
 *     const incident = normalize(sub(b, a));
 *     const reflected = normalize(sub(c, b));
 *     const snell = sub(sub(dot(reflected, along), dot(incident, along)), this.gradient);
 *     // Leaving on the far side would be a transmission, not a reflection.
 *     const through = relu(mul(dot(incident, this.normal()), dot(reflected, this.normal())));
 *     return add(square(snell), square(through));
 *   }
 *
 *   // rotate() and translate() build the moved copy here: keep g.
 *   protected override withXys(xys: Tensor): this {
 *     return new PhaseGradientMetasurface(xys, this.gradient, { name: this.name }) as this;
 *   }
 * }
 *
 * const surface = new PhaseGradientMetasurface([[0, 0], [1, 0]], 0.2);
 * surface.interactionLoss([0, 1], [0.5, 0], [1.1472, 0.7623]).item(); // ~0
 * ```
 */
export interface Interactable {
  /** The type of object, e.g. `wall`, `ris`, `vertex`. */
  readonly kind: string;
  /** Where the object comes from, for messages (e.g. `walls[3]`), if known. */
  readonly name?: string | undefined;
  /** Number of parametric coordinates of a point on the object (1 for a wall, 0 for a vertex). */
  readonly parameterCount: number;
  /** Whether the object stops rays crossing it (false for a vertex). */
  readonly blocksRays: boolean;

  /**
   * The points at parametric coordinates `s`.
   *
   * @param s - `[..., parameterCount]`.
   * @returns `[..., 2]` (metres).
   */
  parametricToCartesian(s: Tensor): Tensor;

  /**
   * The parametric coordinates of points (of their projection onto the object).
   *
   * @param xy - `[..., 2]` (metres).
   * @returns `[..., parameterCount]`.
   */
  cartesianToParametric(xy: Tensor): Tensor;

  /**
   * Whether parametric coordinates fall on the object: 0/1, or in [0, 1]
   * under approximation.
   *
   * @param s - `[..., parameterCount]`.
   * @returns `[...]`.
   */
  contains(s: Tensor, options?: ApproxOptions): Tensor;

  /**
   * Whether the segments `p`-`q` cross the object: 0/1, or in [0, 1] under
   * approximation.
   *
   * @param p - segment starts `[..., 2]` (metres).
   * @param q - segment ends `[..., 2]` (metres), broadcast with `p`.
   * @returns `[...]`.
   */
  intersects(p: Tensor, q: Tensor, options?: IntersectOptions): Tensor;

  /**
   * How far the path `a -> b -> c`, with `b` on the object, is from a perfect
   * interaction: 0 when perfect, positive otherwise.
   *
   * @param a - previous points `[..., 2]` (metres).
   * @param b - interaction points `[..., 2]`, on the object.
   * @param c - next points `[..., 2]`.
   * @returns `[...]` (unitless), the batch axes of `a`, `b`, `c` broadcast.
   */
  interactionLoss(a: Tensor, b: Tensor, c: Tensor): Tensor;

  /**
   * Optional: the interaction loss as a vector of residuals, so that
   * `interactionLoss(a, b, c)` is the sum of their squares. Least-squares
   * solvers (the min-path tracer's Levenberg-Marquardt) need them: a perfect
   * interaction is where every residual is 0, and their Jacobian is smooth
   * there, where the loss's square root is not.
   *
   * Tracers trust these residuals only when they are defined on the same
   * class as `interactionLoss` or on a subclass of it: a subclass that
   * overrides only `interactionLoss` keeps its parent's residuals, which
   * then no longer match, and is treated as having none.
   *
   * @param a - previous points `[..., 2]` (metres).
   * @param b - interaction points `[..., 2]`, on the object.
   * @param c - next points `[..., 2]`.
   * @returns `[..., m]` (unitless): `m` residuals per path (0 for a vertex),
   *   the batch axes of `a`, `b`, `c` broadcast.
   * @example
   * ```ts
   * new Wall([[0, 0], [1, 0]]).interactionResiduals([0, 1], [0.5, 0], [1, 1]).toArray(); // [0, 0]
   * ```
   */
  interactionResiduals?(a: Tensor, b: Tensor, c: Tensor): Tensor;

  /**
   * Optional: the Jacobian of `parametricToCartesian`, `d xy / d s`.
   * Fermat tracers use it to write the stationarity of the path length; an
   * object without it gets central differences of `parametricToCartesian`.
   * Trusted under the same rule as `interactionResiduals`, here relative to
   * `parametricToCartesian`.
   *
   * @param s - `[..., parameterCount]`.
   * @returns `[..., 2, parameterCount]` (metres per unit of `s`).
   * @example
   * ```ts
   * new Wall([[0, 0], [2, 0]]).parametricJacobian([0.5]).toArray(); // [[2], [0]]
   * ```
   */
  parametricJacobian?(s: Tensor): Tensor;

  /**
   * The axis-aligned bounding box `[[xmin, ymin], [xmax, ymax]]`.
   *
   * @returns `[2, 2]` (metres).
   */
  boundingBox(): Tensor;
}

const METHODS = ['parametricToCartesian', 'cartesianToParametric', 'contains', 'intersects', 'interactionLoss', 'boundingBox'] as const;

/**
 * Whether a value implements `Interactable` (checked by its members, so
 * objects not built from this package's classes qualify).
 *
 * @example
 * ```ts
 * isInteractable(new Wall([[0, 0], [1, 0]])); // true
 * isInteractable(new Point([0, 0])); // false
 * ```
 */
export function isInteractable(value: unknown): value is Interactable {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.kind === 'string' &&
    typeof candidate.parameterCount === 'number' &&
    typeof candidate.blocksRays === 'boolean' &&
    METHODS.every((method) => typeof candidate[method] === 'function')
  );
}
