/**
 * The extent of an object (or a scene): its axis-aligned bounding box, and
 * what is derived from one: centre, named locations, and grids of points.
 *
 * The free functions work on any bounding box tensor (a scene's included);
 * `Extent` gives them to every object as methods.
 *
 * @module
 */
import {
  add,
  asTensor,
  broadcastTo,
  expandDims,
  formatShape,
  linspace,
  mean,
  mul,
  stack,
  sub,
  take,
  tensor,
  type Tensor,
  type TensorLike,
} from '@differt2d/autodiff';

/**
 * A named location of a bounding box: the centre `C`, the middles of its sides
 * (`N` top, `E` right, `S` bottom, `W` left; y points up) or its corners.
 *
 * @example
 * ```ts
 * const corner: LocationName = 'NW';
 * locationOf([[0, 0], [2, 1]], corner).toArray(); // [0, 1]
 * ```
 */
export type LocationName = 'N' | 'E' | 'S' | 'W' | 'C' | 'NE' | 'NW' | 'SE' | 'SW';

/**
 * Every location name, each with where it sits in the box as fractions
 * `(fx, fy)` from the lower-left to the upper-right corner.
 *
 * @example
 * ```ts
 * LOCATIONS.NE; // [1, 1]
 * ```
 */
export const LOCATIONS: Readonly<Record<LocationName, readonly [number, number]>> = Object.freeze({
  N: [0.5, 1],
  E: [1, 0.5],
  S: [0.5, 0],
  W: [0, 0.5],
  C: [0.5, 0.5],
  NE: [1, 1],
  NW: [0, 1],
  SE: [1, 0],
  SW: [0, 0],
});

function checkedBox(op: string, box: TensorLike): Tensor {
  const t = asTensor(box, op);
  if (t.shape.length !== 2 || t.shape[0] !== 2 || t.shape[1] !== 2) {
    throw new Error(`${op}: a bounding box must have shape [2, 2] ([[xmin, ymin], [xmax, ymax]]), got ${formatShape(t.shape)}`);
  }
  return t;
}

/**
 * `lower (1 - f) + upper f`, elementwise: written this way (not
 * `lower + (upper - lower) f`) so that `f = 1` gives `upper` exactly.
 */
function interpolate(lower: Tensor, upper: Tensor, f: Tensor): Tensor {
  return add(mul(lower, sub(1, f)), mul(upper, f));
}

/**
 * The centre of a bounding box `[[xmin, ymin], [xmax, ymax]]`.
 *
 * @returns a tensor `[2]` (metres).
 * @example
 * ```ts
 * centerOf([[0, 0], [2, 1]]).toArray(); // [1, 0.5]
 * ```
 */
export function centerOf(box: TensorLike): Tensor {
  return mean(checkedBox('centerOf', box), 0);
}

/**
 * A named location of a bounding box: `N` is `(x centre, ymax)`, `NE` is
 * `(xmax, ymax)`, `C` the centre, and so on (see `LOCATIONS`).
 *
 * @returns a tensor `[2]` (metres), differentiable w.r.t. the box.
 * @throws Error naming the value when `name` is not a location.
 * @example
 * ```ts
 * locationOf([[0, 0], [2, 1]], 'N').toArray(); // [1, 1]
 * locationOf([[0, 0], [2, 1]], 'SW').toArray(); // [0, 0]
 * ```
 */
export function locationOf(box: TensorLike, name: LocationName): Tensor {
  if (!Object.hasOwn(LOCATIONS, name)) {
    throw new Error(`locationOf: unknown location ${JSON.stringify(name)}, expected one of ${Object.keys(LOCATIONS).join(', ')}`);
  }
  const b = checkedBox('locationOf', box);
  return interpolate(take(b, 0, 0), take(b, 1, 0), tensor([...LOCATIONS[name]]));
}

/**
 * A regular grid of points covering a bounding box, edges included
 * (`linspace` along each axis).
 *
 * @param nx - number of columns (x values), at least 1.
 * @param ny - number of rows (y values), at least 1; defaults to `nx`.
 * @returns a tensor `[ny, nx, 2]` (metres): `grid[j][i]` is the point of the
 *   j-th y value and the i-th x value.
 * @throws Error naming the value when a count is not a positive integer.
 * @example
 * ```ts
 * gridOver([[0, 0], [1, 2]], 2, 3).toArray();
 * // [[[0, 0], [1, 0]], [[0, 1], [1, 1]], [[0, 2], [1, 2]]]
 * ```
 */
export function gridOver(box: TensorLike, nx: number, ny: number = nx): Tensor {
  for (const [label, count] of [['nx', nx], ['ny', ny]] as const) {
    if (!Number.isInteger(count) || count < 1) throw new Error(`gridOver: ${label} must be a positive integer, got ${count}`);
  }
  const b = checkedBox('gridOver', box);
  const lower = take(b, 0, 0);
  const upper = take(b, 1, 0);
  const xs = interpolate(take(lower, 0), take(upper, 0), linspace(0, 1, nx));
  const ys = interpolate(take(lower, 1), take(upper, 1), linspace(0, 1, ny));
  const shape = [ny, nx];
  return stack([broadcastTo(expandDims(xs, 0), shape), broadcastTo(expandDims(ys, 1), shape)], -1);
}

/**
 * Something with an axis-aligned bounding box, and what derives from it:
 * centre, named locations, grids. Every object of this package is one.
 *
 * @example
 * ```ts
 * const wall = new Wall([[0, 0], [1, 1]]);
 * wall.center().toArray(); // [0.5, 0.5]
 * wall.location('NE').toArray(); // [1, 1]
 * wall.grid(3).shape; // [3, 3, 2]
 * ```
 */
export abstract class Extent {
  /**
   * The bounding box `[[xmin, ymin], [xmax, ymax]]`.
   *
   * @returns a tensor `[2, 2]` (metres).
   * @example
   * ```ts
   * new Wall([[1, 0], [0, 2]]).boundingBox().toArray(); // [[0, 0], [1, 2]]
   * ```
   */
  abstract boundingBox(): Tensor;

  /**
   * The centre of the bounding box.
   *
   * @returns a tensor `[2]` (metres).
   * @example
   * ```ts
   * new Wall([[0, 0], [2, 0]]).center().toArray(); // [1, 0]
   * ```
   */
  center(): Tensor {
    return centerOf(this.boundingBox());
  }

  /**
   * A named location of the bounding box (`N` is `(x centre, ymax)`, `NE` is
   * `(xmax, ymax)`...).
   *
   * @returns a tensor `[2]` (metres).
   * @example
   * ```ts
   * new Wall([[0, 0], [2, 1]]).location('E').toArray(); // [2, 0.5]
   * ```
   */
  location(name: LocationName): Tensor {
    return locationOf(this.boundingBox(), name);
  }

  /**
   * A regular grid over the bounding box, edges included.
   *
   * @returns a tensor `[ny, nx, 2]` (metres); `grid[j][i]` has the j-th y and the i-th x.
   * @example
   * ```ts
   * new Wall([[0, 0], [1, 1]]).grid(2).toArray(); // [[[0, 0], [1, 0]], [[0, 1], [1, 1]]]
   * ```
   */
  grid(nx: number, ny: number = nx): Tensor {
    return gridOver(this.boundingBox(), nx, ny);
  }
}
