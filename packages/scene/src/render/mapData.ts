/**
 * Power maps as the renderers see them: values on a grid of x and y
 * coordinates, checked; the rectangle their cells cover; the colour of
 * every cell; and the lookup from a picture's pixels to the nearest cell.
 *
 * @module
 */
import { SCENE_COLORS, type Rgb } from './colors.js';
import { colormapIndex, type Colormap } from './colormaps.js';
import type { ColorScale } from './colorScale.js';
import type { DataExtent } from './frame.js';
import { createImage, type RgbaImage } from './rgbaImage.js';

/**
 * A map to draw: values on a grid, `power[j * nx + i]` at `(x[i], y[j])`
 * (row-major, rows along y, row 0 at the lowest y when `y` increases).
 * Every power map of `@differt2d/scene` is one.
 *
 * @example
 * ```ts
 * const map: DrawableMap = { x: [0, 0.5, 1], y: [0, 1], power: [1, 2, 3, 4, 5, 6] };
 * ```
 */
export interface DrawableMap {
  /** The x coordinates of the columns (metres), strictly increasing or decreasing. */
  readonly x: ArrayLike<number>;
  /** The y coordinates of the rows (metres), strictly increasing or decreasing. */
  readonly y: ArrayLike<number>;
  /** `ny * nx` values, row-major (NaN allowed: drawn in the NaN colour). */
  readonly power: ArrayLike<number>;
}

/**
 * Check a map: coordinates finite and strictly monotonic, `ny * nx` values.
 *
 * @param op - the calling function, for messages.
 * @throws Error naming the field and the entry that is wrong.
 * @example
 * ```ts
 * checkDrawableMap('renderMapPng', { x: [0, 1], y: [0, 1], power: [1, 2, 3] });
 * // throws "renderMapPng: map.power has 3 values, expected ny * nx = 2 * 2 = 4"
 * ```
 */
export function checkDrawableMap(op: string, map: DrawableMap): void {
  if (map === null || typeof map !== 'object') throw new Error(`${op}: map must be { x, y, power }, got ${String(map)}`);
  for (const axis of ['x', 'y'] as const) {
    const values = map[axis];
    if (values === undefined || typeof values.length !== 'number' || values.length < 1) {
      throw new Error(`${op}: map.${axis} must hold at least one coordinate`);
    }
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) throw new Error(`${op}: map.${axis}[${i}] must be a finite number, got ${values[i]}`);
    }
    if (values.length > 1) {
      const increasing = values[1]! > values[0]!;
      for (let i = 1; i < values.length; i++) {
        if (increasing ? !(values[i]! > values[i - 1]!) : !(values[i]! < values[i - 1]!)) {
          throw new Error(`${op}: map.${axis} must be strictly increasing or decreasing (see map.${axis}[${i - 1}] and map.${axis}[${i}])`);
        }
      }
    }
  }
  const expected = map.x.length * map.y.length;
  if (map.power === undefined || map.power.length !== expected) {
    throw new Error(`${op}: map.power has ${map.power?.length} values, expected ny * nx = ${map.y.length} * ${map.x.length} = ${expected}`);
  }
}

/**
 * The boundaries of the cells along one axis, increasing: halfway between
 * neighbouring coordinates, and half a spacing beyond the first and last
 * (`halfWidth` for a single coordinate).
 *
 * @example
 * ```ts
 * cellEdges([0, 0.5, 1], 0.5); // [-0.25, 0.25, 0.75, 1.25]
 * ```
 */
export function cellEdges(coordinates: ArrayLike<number>, halfWidth: number): Float64Array {
  const n = coordinates.length;
  const sorted = Float64Array.from(coordinates as ArrayLike<number>);
  if (n > 1 && sorted[0]! > sorted[n - 1]!) sorted.reverse();
  const edges = new Float64Array(n + 1);
  if (n === 1) {
    edges[0] = sorted[0]! - halfWidth;
    edges[1] = sorted[0]! + halfWidth;
    return edges;
  }
  edges[0] = sorted[0]! - (sorted[1]! - sorted[0]!) / 2;
  for (let i = 1; i < n; i++) edges[i] = (sorted[i - 1]! + sorted[i]!) / 2;
  edges[n] = sorted[n - 1]! + (sorted[n - 1]! - sorted[n - 2]!) / 2;
  return edges;
}

/**
 * The rectangle a map's cells cover (each cell centred on its grid point).
 *
 * @example
 * ```ts
 * mapCellExtent({ x: [0, 1], y: [0, 1], power: [0, 0, 0, 0] }); // { xmin: -0.5, xmax: 1.5, ymin: -0.5, ymax: 1.5 }
 * ```
 */
export function mapCellExtent(map: DrawableMap): DataExtent {
  const [xEdges, yEdges] = mapCellEdges(map);
  return { xmin: xEdges[0]!, xmax: xEdges[xEdges.length - 1]!, ymin: yEdges[0]!, ymax: yEdges[yEdges.length - 1]! };
}

/** Cell edges along x and y; a single row or column is as thick as the other axis's cells (or 1 m). */
function mapCellEdges(map: DrawableMap): [Float64Array, Float64Array] {
  const spacing = (values: ArrayLike<number>) => (values.length > 1 ? Math.abs(values[1]! - values[0]!) : undefined);
  const half = (spacing(map.x) ?? spacing(map.y) ?? 1) / 2;
  const halfY = (spacing(map.y) ?? spacing(map.x) ?? 1) / 2;
  return [cellEdges(map.x, half), cellEdges(map.y, halfY)];
}

/**
 * For each pixel centre along one axis, the index of the nearest map
 * coordinate (in the map's own order), or -1 outside the map's cells.
 *
 * @param pixelCoordinates - the data coordinate of each pixel's centre.
 * @param slack - data distance outside the cells still given the edge cell (half a pixel, so edges do not flicker).
 * @example
 * ```ts
 * nearestCellIndices([0, 0.5, 1], Float64Array.of(-0.3, 0.1, 0.4, 1.1), 0); // Int32Array [-1, 0, 1, 2]
 * ```
 */
export function nearestCellIndices(coordinates: ArrayLike<number>, pixelCoordinates: Float64Array, slack: number): Int32Array {
  const n = coordinates.length;
  const spacing = n > 1 ? Math.abs(coordinates[1]! - coordinates[0]!) : 1;
  const edges = cellEdges(coordinates, spacing / 2);
  const descending = n > 1 && coordinates[0]! > coordinates[n - 1]!;
  const out = new Int32Array(pixelCoordinates.length);
  for (let p = 0; p < pixelCoordinates.length; p++) {
    const u = pixelCoordinates[p]!;
    let index: number;
    if (u < edges[0]! - slack || u > edges[n]! + slack) index = -1;
    else if (u <= edges[0]!) index = 0;
    else if (u >= edges[n]!) index = n - 1;
    else {
      // Largest k with edges[k] <= u.
      let low = 0;
      let high = n;
      while (high - low > 1) {
        const middle = (low + high) >> 1;
        if (edges[middle]! <= u) low = middle;
        else high = middle;
      }
      index = low;
    }
    out[p] = index >= 0 && descending ? n - 1 - index : index;
  }
  return out;
}

/**
 * The colour-map entry of every map value (`-1` for NaN), in the map's order.
 *
 * @example
 * ```ts
 * const scale = colorScale({ vmin: 0, vmax: 1 });
 * cellColorIndices([0, 1, NaN], scale, colormap('viridis')); // Int16Array [0, 255, -1]
 * ```
 */
export function cellColorIndices(values: ArrayLike<number>, scale: ColorScale, map: Colormap): Int16Array {
  const out = new Int16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const t = scale.position(values[i]!);
    out[i] = Number.isNaN(t) ? -1 : colormapIndex(map.size, t);
  }
  return out;
}

/**
 * A map as an image of one pixel per cell, top row = highest y (for an SVG
 * `<image>` stretched over the map's extent).
 *
 * @example
 * ```ts
 * const image = mapRaster({ x: [0, 1], y: [0, 1], power: [0, 0, 1, 1] }, colorScale({ vmin: 0, vmax: 1 }), colormap('viridis'));
 * readPixel(image, 0, 0); // [253, 231, 37, 255]: y = 1 (row 1 of the data) on top
 * ```
 */
export function mapRaster(map: DrawableMap, scale: ColorScale, colors: Colormap, nanColor: Rgb = SCENE_COLORS.nan): RgbaImage {
  const nx = map.x.length;
  const ny = map.y.length;
  const indices = cellColorIndices(map.power, scale, colors);
  const image = createImage(nx, ny);
  const xDescending = nx > 1 && map.x[0]! > map.x[nx - 1]!;
  const yDescending = ny > 1 && map.y[0]! > map.y[ny - 1]!;
  const data = image.data;
  for (let row = 0; row < ny; row++) {
    const j = yDescending ? row : ny - 1 - row;
    for (let column = 0; column < nx; column++) {
      const i = xDescending ? nx - 1 - column : column;
      const entry = indices[j * nx + i]!;
      const at = 4 * (row * nx + column);
      if (entry < 0) {
        data[at] = nanColor[0];
        data[at + 1] = nanColor[1];
        data[at + 2] = nanColor[2];
      } else {
        data[at] = colors.table[entry * 3]!;
        data[at + 1] = colors.table[entry * 3 + 1]!;
        data[at + 2] = colors.table[entry * 3 + 2]!;
      }
      data[at + 3] = 255;
    }
  }
  return image;
}

/**
 * A vertical colour bar strip, `width` x `height` pixels, the colour map's
 * high end on top: row `r` holds entry `colormapIndex(size, 1 - (r + 0.5) / height)`.
 *
 * @example
 * ```ts
 * const bar = colorbarRaster(colormap('viridis'), 1, 256);
 * readPixel(bar, 0, 0); // [253, 231, 37, 255] (entry 255)
 * ```
 */
export function colorbarRaster(colors: Colormap, width: number, height: number): RgbaImage {
  const image = createImage(width, height);
  const data = image.data;
  for (let row = 0; row < height; row++) {
    const entry = colorbarEntry(colors.size, row, height);
    for (let column = 0; column < width; column++) {
      const at = 4 * (row * width + column);
      data[at] = colors.table[entry * 3]!;
      data[at + 1] = colors.table[entry * 3 + 1]!;
      data[at + 2] = colors.table[entry * 3 + 2]!;
      data[at + 3] = 255;
    }
  }
  return image;
}

/**
 * The colour-map entry shown by row `row` of a colour bar `height` rows
 * high (row 0 on top, the high end).
 *
 * @example
 * ```ts
 * colorbarEntry(256, 0, 300); // 255
 * colorbarEntry(256, 299, 300); // 0
 * ```
 */
export function colorbarEntry(size: number, row: number, height: number): number {
  return colormapIndex(size, 1 - (row + 0.5) / height);
}
