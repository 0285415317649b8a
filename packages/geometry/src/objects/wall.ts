/**
 * A wall: a segment that reflects rays specularly and blocks them.
 *
 * @module
 */
import {
  add,
  broadcastTo,
  cross,
  div,
  dot,
  equal,
  expandDims,
  matmul,
  mul,
  normalize,
  reshape,
  square,
  sub,
  sum,
  take,
  where,
  type Tensor,
  type TensorLike,
} from '@differt2d/autodiff';
import { greaterEqual, lessEqual } from '../logic/compare.js';
import { logicalAnd } from '../logic/connectives.js';
import { resolveApprox, type ApproxOptions, type ResolvedApprox } from '../logic/settings.js';
import { batchOf, batchShape, type ObjectOptions } from './coordinates.js';
import type { Interactable, IntersectOptions } from './interactable.js';
import { Ray } from './ray.js';
import { Vertex } from './vertex.js';

// t @ QUARTER_TURN_CLOCKWISE = (t.y, -t.x): the normal's direction.
const QUARTER_TURN_CLOCKWISE = [
  [0, -1],
  [1, 0],
];

// Default of IntersectOptions.tolerance: DiffeRT2d's, and the fused kernels'
// DEFAULT_INTERSECTION_TOLERANCE (the two must agree).
const DEFAULT_TOLERANCE = 0.005;

/**
 * A wall `xys = [origin, dest]` (metres): reflects rays specularly, blocks
 * them, and has one parametric coordinate `s`, the point `origin + s t`
 * (`t = dest - origin`), on the wall when `0 <= s <= 1`. Its normal is
 * `normalize((t.y, -t.x))` (on the right of `t`).
 *
 * Immutable; the coordinates are a Tensor, so a wall built inside `grad` from
 * a differentiated tensor carries gradients to every method.
 *
 * @example
 * ```ts
 * const floor = new Wall([[0, 0], [1, 0]]);
 * floor.normal().toArray(); // [0, -1]
 * floor.image([0, 1]).toArray(); // [0, -1]
 * floor.intersects([0.5, 1], [0.5, -1]).item(); // 1
 * new Wall([[0.4, 0.4], [0.4, 0.4]], { name: 'walls[3]' }); // throws "walls[3]: zero-length wall at (0.4, 0.4)"
 * ```
 */
export class Wall extends Ray implements Interactable {
  /** `wall` (subclasses say what they are). */
  readonly kind: string = 'wall';
  /** One coordinate: the fraction of the way from origin to dest. */
  readonly parameterCount: number = 1;
  /** Walls stop rays. */
  readonly blocksRays: boolean = true;
  private readonly unitNormal: Tensor;

  /**
   * @param xys - `[[x0, y0], [x1, y1]]` (metres), origin then dest.
   * @param options - `name`, used instead of the class name in error messages.
   * @throws Error naming the value for a wrong shape, a NaN / infinite
   *   coordinate, or a zero-length wall (it has no normal).
   */
  constructor(xys: TensorLike, options: ObjectOptions = {}) {
    super(xys, options);
    const [x, y] = this.origin.data;
    if (this.direction.data[0] === 0 && this.direction.data[1] === 0) {
      throw new Error(`${this.messagePrefix(new.target.name)}: zero-length wall at (${x}, ${y})`);
    }
    this.unitNormal = normalize(matmul(this.direction, QUARTER_TURN_CLOCKWISE));
  }

  /** The method's name in error messages: `walls[3].image`, `Wall.image`. */
  protected op(method: string): string {
    return `${this.messagePrefix(this.constructor.name)}.${method}`;
  }

  /**
   * The unit normal `normalize((t.y, -t.x))`: `t` turned clockwise.
   *
   * @returns `[2]` (unitless).
   * @example
   * ```ts
   * new Wall([[0, 0], [1, 0]]).normal().toArray(); // [0, -1]
   * ```
   */
  normal(): Tensor {
    return this.unitNormal;
  }

  /**
   * The mirror images of points through the wall's line:
   * `p - 2 ((p - origin) . n) n`.
   *
   * @param point - `[..., 2]` (metres).
   * @returns `[..., 2]` (metres).
   * @example
   * ```ts
   * new Wall([[0, 0], [1, 0]]).image([[0, 1], [2, -3]]).toArray(); // [[0, -1], [2, 3]]
   * ```
   */
  image(point: TensorLike): Tensor {
    const p = batchOf(point, 2, this.op('image'), 'point');
    const n = this.unitNormal;
    const signedDistance = dot(sub(p, this.origin), n);
    return sub(p, mul(expandDims(mul(signedDistance, 2), -1), n));
  }

  /**
   * The points `origin + s t`.
   *
   * @param s - `[..., 1]`.
   * @returns `[..., 2]` (metres).
   * @example
   * ```ts
   * new Wall([[0, 0], [2, 0]]).parametricToCartesian([[0.25], [1]]).toArray(); // [[0.5, 0], [2, 0]]
   * ```
   */
  parametricToCartesian(s: TensorLike): Tensor {
    const parameters = batchOf(s, 1, this.op('parametricToCartesian'), 's');
    return add(this.origin, mul(parameters, this.direction));
  }

  /**
   * The coordinates of the projections of points on the wall's line,
   * `(p - origin) . t / (t . t)`.
   *
   * @param xy - `[..., 2]` (metres).
   * @returns `[..., 1]`.
   * @example
   * ```ts
   * new Wall([[0, 0], [2, 0]]).cartesianToParametric([[1, 5]]).toArray(); // [[0.5]]
   * ```
   */
  cartesianToParametric(xy: TensorLike): Tensor {
    const points = batchOf(xy, 2, this.op('cartesianToParametric'), 'xy');
    const t = this.direction;
    return expandDims(div(dot(sub(points, this.origin), t), dot(t, t)), -1);
  }

  /**
   * Whether `0 <= s <= 1`: 0/1, or smoothed under approximation.
   *
   * @param s - `[..., 1]`.
   * @returns `[...]`.
   * @example
   * ```ts
   * new Wall([[0, 0], [1, 0]]).contains([[0.5], [1.2]]).toArray(); // [1, 0]
   * new Wall([[0, 0], [1, 0]]).contains([1.001], { approx: true }).item(); // ~0.483 (hard sigmoid, alpha 100)
   * ```
   */
  contains(s: TensorLike, options: ApproxOptions = {}): Tensor {
    const parameters = batchOf(s, 1, this.op('contains'), 's');
    return withinUnitInterval(take(parameters, 0, -1), 0, resolveApprox(options, this.op('contains')));
  }

  /**
   * Whether the segments `p`-`q` cross the wall. Each of the two parametric
   * coordinates of the crossing (along the segment, along the wall) must be
   * in `[-tolerance, 1 + tolerance]`, ends included. Parallel segments (a
   * zero denominator: collinear and zero-length ones included) never
   * intersect, with a zero gradient rather than NaN. Under approximation the
   * four bounds are smoothed and combined with `min`.
   *
   * @param p - segment starts `[..., 2]` (metres).
   * @param q - segment ends `[..., 2]` (metres), broadcast with `p`.
   * @param options - `tolerance` (default 0.005), `patch` (default 0: fraction
   *   of the wall's length added at each end; negative shrinks), smoothing.
   * @returns `[...]`: 0/1, or in [0, 1] under approximation.
   * @throws Error naming the option when `tolerance` is not finite or
   *   `patch` is not a finite number above -0.5.
   * @example
   * ```ts
   * const wall = new Wall([[0, 0], [1, 0]]);
   * wall.intersects([[0.5, 1], [1.004, 1]], [[0.5, -1], [1.004, -1]]).toArray(); // [1, 1]
   * wall.intersects([1.006, 1], [1.006, -1]).item(); // 0
   * wall.intersects([0, 1], [1, 1]).item(); // 0 (parallel)
   * ```
   */
  intersects(p: TensorLike, q: TensorLike, options: IntersectOptions = {}): Tensor {
    const op = this.op('intersects');
    const start = batchOf(p, 2, op, 'p');
    const end = batchOf(q, 2, op, 'q');
    batchShape(op, start, end); // a mismatch fails here, naming this method, not deep in a primitive
    const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
    const patch = options.patch ?? 0;
    if (!Number.isFinite(tolerance)) throw new Error(`${op}: tolerance must be a finite number, got ${tolerance}`);
    if (!(Number.isFinite(patch) && patch > -0.5)) throw new Error(`${op}: patch must be a finite number above -0.5, got ${patch}`);
    const settings = resolveApprox(options, op);

    let wallStart = this.origin;
    let wallDirection = this.direction;
    if (patch !== 0) {
      wallStart = sub(wallStart, mul(wallDirection, patch));
      wallDirection = mul(wallDirection, 1 + 2 * patch);
    }
    // Solve p + u (q - p) = wallStart + v wallDirection for (u, v) by Cramer's rule.
    const segment = sub(end, start);
    const gap = sub(wallStart, start);
    const denominator = cross(segment, wallDirection);
    // Parallel, collinear and zero-length segments have no single crossing
    // point: they do not intersect (as in the fused kernels).
    const parallel = equal(denominator, 0);
    // A denominator of 1 there keeps the unused quotients finite, so that
    // their (discarded) gradients are zeros and not NaN.
    const safeDenominator = where(parallel, 1, denominator);
    const alongSegment = div(cross(gap, wallDirection), safeDenominator);
    const alongWall = div(cross(gap, segment), safeDenominator);
    const crossing = logicalAnd(
      withinUnitInterval(alongSegment, tolerance, settings),
      withinUnitInterval(alongWall, tolerance, settings),
      settings,
    );
    return where(parallel, 0, crossing);
  }

  /**
   * The specular-reflection loss of the paths `a -> b -> c`, `b` on the wall:
   * with `i = normalize(b - a)`, `r = normalize(c - b)` and the mirrored
   * incidence `i - 2 (i . n) n`, the squared distance `|r - (i - 2 (i . n) n)|^2`
   * (0 for a perfect reflection, at most 4): the sum of the squares of
   * `interactionResiduals` (of this object's, so that a subclass overriding
   * only the residuals keeps the two consistent). A zero-length segment
   * (`a = b` or `b = c`) has a zero direction: the loss stays finite, with
   * finite gradients.
   *
   * @param a - previous points `[..., 2]` (metres).
   * @param b - points on the wall `[..., 2]`.
   * @param c - next points `[..., 2]`.
   * @returns `[...]` (unitless).
   * @example
   * ```ts
   * const wall = new Wall([[0, 0], [1, 0]]);
   * wall.interactionLoss([0, 1], [0.5, 0], [1, 1]).item(); // 0
   * wall.interactionLoss([0, 1], [0.5, 0], [0, 1]).item(); // ~0.8 (back towards a)
   * ```
   */
  interactionLoss(a: TensorLike, b: TensorLike, c: TensorLike): Tensor {
    const op = this.op('interactionLoss');
    const previous = batchOf(a, 2, op, 'a');
    const on = batchOf(b, 2, op, 'b');
    const next = batchOf(c, 2, op, 'c');
    batchShape(op, previous, on, next); // a mismatch fails here, naming this method
    return sum(square(this.interactionResiduals(previous, on, next)), -1);
  }

  /**
   * The specular-reflection residuals of the paths `a -> b -> c`: the two
   * components of `e = r - (i - 2 (i . n) n)` (see `interactionLoss`, which
   * is `e . e`). Both vanish exactly for a perfect reflection.
   *
   * @param a - previous points `[..., 2]` (metres).
   * @param b - points on the wall `[..., 2]`.
   * @param c - next points `[..., 2]`.
   * @returns `[..., 2]` (unitless).
   * @example
   * ```ts
   * const wall = new Wall([[0, 0], [1, 0]]);
   * wall.interactionResiduals([0, 1], [0.5, 0], [1, 1]).toArray(); // [0, 0]
   * wall.interactionResiduals([0, 1], [0.5, 0], [0.5, 1]).toArray(); // [~-0.447, ~0.106] (straight up instead of (0.447, 0.894))
   * ```
   */
  interactionResiduals(a: TensorLike, b: TensorLike, c: TensorLike): Tensor {
    const op = this.op('interactionResiduals');
    const previous = batchOf(a, 2, op, 'a');
    const on = batchOf(b, 2, op, 'b');
    const next = batchOf(c, 2, op, 'c');
    batchShape(op, previous, on, next); // a mismatch fails here, naming this method
    const n = this.unitNormal;
    const incident = normalize(sub(on, previous));
    const reflected = normalize(sub(next, on));
    const mirrored = sub(incident, mul(expandDims(mul(dot(incident, n), 2), -1), n));
    return sub(reflected, mirrored);
  }

  /**
   * The Jacobian of `parametricToCartesian`: the direction `t`, the same at
   * every `s` (the map is affine).
   *
   * @param s - `[..., 1]`.
   * @returns `[..., 2, 1]` (metres), differentiable w.r.t. the wall.
   * @example
   * ```ts
   * new Wall([[0, 0], [2, 1]]).parametricJacobian([[0.3], [0.9]]).toArray(); // [[[2], [1]], [[2], [1]]]
   * ```
   */
  parametricJacobian(s: TensorLike): Tensor {
    const parameters = batchOf(s, 1, this.op('parametricJacobian'), 's');
    return broadcastTo(reshape(this.direction, [2, 1]), [...parameters.shape.slice(0, -1), 2, 1]);
  }

  /**
   * The wall's two ends as vertices (for corner diffraction), origin first.
   *
   * @example
   * ```ts
   * const [first, second] = new Wall([[0.4, 0.4], [0.3, 0.4]]).vertices();
   * second.xy.toArray(); // [0.3, 0.4]
   * ```
   */
  vertices(): [Vertex, Vertex] {
    const name = (index: number): string | undefined => (this.name === undefined ? undefined : `${this.name}.vertices[${index}]`);
    return [new Vertex(this.origin, { name: name(0) }), new Vertex(this.dest, { name: name(1) })];
  }

  protected override withXys(xys: Tensor): this {
    return new Wall(xys, { name: this.name }) as this;
  }
}

/**
 * Whether values lie in `[-tolerance, 1 + tolerance]`, bounds included:
 * 0/1, or smoothed under approximation.
 */
function withinUnitInterval(x: Tensor, tolerance: number, settings: ResolvedApprox): Tensor {
  return logicalAnd(greaterEqual(x, -tolerance, settings), lessEqual(x, 1 + tolerance, settings), settings);
}
