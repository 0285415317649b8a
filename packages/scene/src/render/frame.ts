/**
 * Plot frames: the rectangle of data coordinates (metres) a picture shows,
 * and its mapping to pixels with an equal aspect ratio (one metre is as long
 * along x as along y) and y pointing up.
 *
 * @module
 */

/**
 * A rectangle of data coordinates (metres).
 *
 * @example
 * ```ts
 * const unitSquare: DataExtent = { xmin: 0, xmax: 1, ymin: 0, ymax: 1 };
 * ```
 */
export interface DataExtent {
  readonly xmin: number;
  readonly xmax: number;
  readonly ymin: number;
  readonly ymax: number;
}

/**
 * A rectangle of pixels (or SVG user units): `left`, `top`, `width`, `height`.
 *
 * @example
 * ```ts
 * const plotArea: PixelRect = { left: 60, top: 20, width: 400, height: 400 };
 * ```
 */
export interface PixelRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The smallest extent holding all of these (undefined ones skipped).
 *
 * @throws Error when none is given.
 * @example
 * ```ts
 * unionExtent({ xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, { xmin: 2, xmax: 3, ymin: -1, ymax: 0 });
 * // { xmin: 0, xmax: 3, ymin: -1, ymax: 1 }
 * ```
 */
export function unionExtent(...extents: (DataExtent | undefined)[]): DataExtent {
  let xmin = Infinity;
  let xmax = -Infinity;
  let ymin = Infinity;
  let ymax = -Infinity;
  for (const extent of extents) {
    if (extent === undefined) continue;
    xmin = Math.min(xmin, extent.xmin);
    xmax = Math.max(xmax, extent.xmax);
    ymin = Math.min(ymin, extent.ymin);
    ymax = Math.max(ymax, extent.ymax);
  }
  if (!(xmin <= xmax && ymin <= ymax)) throw new Error('unionExtent: nothing to enclose');
  return { xmin, xmax, ymin, ymax };
}

/**
 * The extent of a list of points `[x, y]`, or undefined for none.
 *
 * @example
 * ```ts
 * extentOfPoints([[0, 1], [2, -1]]); // { xmin: 0, xmax: 2, ymin: -1, ymax: 1 }
 * ```
 */
export function extentOfPoints(points: Iterable<readonly [number, number]>): DataExtent | undefined {
  let xmin = Infinity;
  let xmax = -Infinity;
  let ymin = Infinity;
  let ymax = -Infinity;
  for (const [x, y] of points) {
    xmin = Math.min(xmin, x);
    xmax = Math.max(xmax, x);
    ymin = Math.min(ymin, y);
    ymax = Math.max(ymax, y);
  }
  return xmin <= xmax ? { xmin, xmax, ymin, ymax } : undefined;
}

/**
 * An extent grown by `fraction` of its larger side on every side; a flat or
 * empty side first gets the other side's size (or 1 m when both are 0), so
 * that a single point or a straight wall still makes a picture.
 *
 * @example
 * ```ts
 * paddedExtent({ xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, 0.05); // { xmin: -0.05, xmax: 1.05, ymin: -0.05, ymax: 1.05 }
 * paddedExtent({ xmin: 0, xmax: 0, ymin: 0, ymax: 0 }, 0); // { xmin: -0.5, xmax: 0.5, ymin: -0.5, ymax: 0.5 }
 * ```
 */
export function paddedExtent(extent: DataExtent, fraction: number): DataExtent {
  let { xmin, xmax, ymin, ymax } = extent;
  const largest = Math.max(xmax - xmin, ymax - ymin) || 1;
  if (xmax - xmin === 0) {
    xmin -= largest / 2;
    xmax += largest / 2;
  }
  if (ymax - ymin === 0) {
    ymin -= largest / 2;
    ymax += largest / 2;
  }
  const pad = largest * fraction;
  return { xmin: xmin - pad, xmax: xmax + pad, ymin: ymin - pad, ymax: ymax + pad };
}

/**
 * The largest size with the extent's aspect ratio (equal scales along x and
 * y) that fits in `maxWidth` x `maxHeight`.
 *
 * @example
 * ```ts
 * fitEqualAspect({ xmin: 0, xmax: 2, ymin: 0, ymax: 1 }, 400, 400); // { width: 400, height: 200 }
 * ```
 */
export function fitEqualAspect(extent: DataExtent, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const dx = extent.xmax - extent.xmin;
  const dy = extent.ymax - extent.ymin;
  const scale = Math.min(maxWidth / dx, maxHeight / dy);
  return { width: dx * scale, height: dy * scale };
}

/**
 * A data extent drawn into a pixel rectangle, y up: `(xmin, ymax)` is the
 * rectangle's top-left corner. With a rectangle of the extent's aspect ratio
 * (see `fitEqualAspect`) the scales along x and y are equal.
 *
 * @example
 * ```ts
 * const frame = new PlotFrame({ xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, { left: 10, top: 10, width: 100, height: 100 });
 * frame.pixelX(0.5); // 60
 * frame.pixelY(1); // 10
 * frame.dataX(60); // 0.5
 * ```
 */
export class PlotFrame {
  /** Pixels per metre along x. */
  readonly scaleX: number;
  /** Pixels per metre along y. */
  readonly scaleY: number;

  constructor(
    readonly extent: DataExtent,
    readonly rect: PixelRect,
  ) {
    this.scaleX = rect.width / (extent.xmax - extent.xmin);
    this.scaleY = rect.height / (extent.ymax - extent.ymin);
  }

  /** The pixel column of a data x. */
  pixelX(x: number): number {
    return this.rect.left + (x - this.extent.xmin) * this.scaleX;
  }

  /** The pixel row of a data y (y up: larger y, smaller row). */
  pixelY(y: number): number {
    return this.rect.top + (this.extent.ymax - y) * this.scaleY;
  }

  /** The data x of a pixel column. */
  dataX(pixelX: number): number {
    return this.extent.xmin + (pixelX - this.rect.left) / this.scaleX;
  }

  /** The data y of a pixel row. */
  dataY(pixelY: number): number {
    return this.extent.ymax - (pixelY - this.rect.top) / this.scaleY;
  }
}
