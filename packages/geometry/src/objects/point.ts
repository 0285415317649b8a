/**
 * A point of the plane: a transmitter, a receiver, or a corner.
 *
 * @module
 */
import { add, stack, type Tensor, type TensorLike } from '@differt2d/autodiff';
import { checkedCoordinates, type ObjectOptions } from './coordinates.js';
import { Extent } from './extent.js';

/**
 * A point `xy` (metres). Transmitters and receivers are points. Immutable; the
 * coordinates are a Tensor, so a point built inside `grad` from a
 * differentiated tensor carries gradients.
 *
 * @example
 * ```ts
 * const tx = new Point([0.1, 0.1], { name: 'tx' });
 * tx.xy.toArray(); // [0.1, 0.1]
 * new Point([0, NaN]); // throws "Point: coordinate y is NaN"
 * ```
 */
export class Point extends Extent {
  /** The coordinates `[2]` (metres). */
  readonly xy: Tensor;
  /** Where the point comes from, for messages (e.g. `transmitters.tx`). */
  readonly name: string | undefined;

  /**
   * @param xy - `[x, y]` (metres): numbers, a Float64Array or a Tensor of shape `[2]`.
   * @param options - `name`, used in error messages.
   * @throws Error naming the value for a wrong shape or a NaN / infinite coordinate.
   */
  constructor(xy: TensorLike, options: ObjectOptions = {}) {
    super();
    this.name = options.name;
    this.xy = checkedCoordinates(xy, [2], options.name ?? new.target.name, 'xy (x, y)', ['x', 'y']);
  }

  /**
   * The degenerate box of a point: both corners at the point.
   *
   * @returns `[2, 2]` (metres).
   * @example
   * ```ts
   * new Point([1, 2]).boundingBox().toArray(); // [[1, 2], [1, 2]]
   * ```
   */
  boundingBox(): Tensor {
    return stack([this.xy, this.xy]);
  }

  /**
   * The point moved by `offset`.
   *
   * @param offset - `[2]` (metres).
   * @example
   * ```ts
   * new Point([1, 2]).translate([1, 0]).xy.toArray(); // [2, 2]
   * ```
   */
  translate(offset: TensorLike): this {
    return this.withXy(add(this.xy, offset));
  }

  /**
   * A point like this one at other coordinates. Subclasses with more state
   * override it (so `translate` keeps that state).
   */
  protected withXy(xy: Tensor): this {
    return new Point(xy, { name: this.name }) as this;
  }
}
