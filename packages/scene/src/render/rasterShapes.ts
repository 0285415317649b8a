/**
 * Filled shapes on an RGBA image, anti-aliased: discs (by distance) and
 * polygons (4 x 4 samples per pixel), and the markers of transmitters and
 * receivers built from them.
 *
 * @module
 */
import type { Rgb } from './colors.js';
import { extentOfPoints } from './frame.js';
import { drawThickLine } from './rasterLines.js';
import { blendPixel, type RgbaImage } from './rgbaImage.js';

/**
 * Fill a disc centred at `(cx, cy)` (pixel coordinates), anti-aliased.
 *
 * @example
 * ```ts
 * const image = createImage(11, 11, [255, 255, 255]);
 * fillDisc(image, 5.5, 5.5, 4, [255, 0, 0]);
 * readPixel(image, 5, 5); // [255, 0, 0, 255]
 * ```
 */
export function fillDisc(image: RgbaImage, cx: number, cy: number, radius: number, color: Rgb, opacity = 1): void {
  const rowStart = Math.max(0, Math.floor(cy - radius - 1));
  const rowEnd = Math.min(image.height - 1, Math.ceil(cy + radius + 1));
  const columnStart = Math.max(0, Math.floor(cx - radius - 1));
  const columnEnd = Math.min(image.width - 1, Math.ceil(cx + radius + 1));
  for (let row = rowStart; row <= rowEnd; row++) {
    for (let column = columnStart; column <= columnEnd; column++) {
      const distance = Math.hypot(column + 0.5 - cx, row + 0.5 - cy);
      const coverage = radius + 0.5 - distance;
      if (coverage > 0) blendPixel(image, column, row, color, Math.min(1, coverage) * opacity);
    }
  }
}

const SAMPLES = 4;

/**
 * Fill a polygon (pixel coordinates, any winding, even-odd rule),
 * anti-aliased with 4 x 4 samples per pixel.
 *
 * @example
 * ```ts
 * const image = createImage(10, 10, [255, 255, 255]);
 * fillPolygon(image, [[1, 1], [9, 1], [9, 9], [1, 9]], [0, 0, 0]);
 * readPixel(image, 5, 5); // [0, 0, 0, 255]
 * ```
 */
export function fillPolygon(image: RgbaImage, points: readonly (readonly [number, number])[], color: Rgb, opacity = 1): void {
  if (points.length < 3) return;
  const { xmin, xmax, ymin, ymax } = extentOfPoints(points)!;
  const columnStart = Math.max(0, Math.floor(xmin));
  const columnEnd = Math.min(image.width - 1, Math.ceil(xmax));
  const rowStart = Math.max(0, Math.floor(ymin));
  const rowEnd = Math.min(image.height - 1, Math.ceil(ymax));
  for (let row = rowStart; row <= rowEnd; row++) {
    for (let column = columnStart; column <= columnEnd; column++) {
      let inside = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        const y = row + (sy + 0.5) / SAMPLES;
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (pointInPolygon(column + (sx + 0.5) / SAMPLES, y, points)) inside++;
        }
      }
      if (inside > 0) blendPixel(image, column, row, color, (inside / (SAMPLES * SAMPLES)) * opacity);
    }
  }
}

/** Even-odd test of a point against a polygon. */
function pointInPolygon(x: number, y: number, points: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The corners of an upward triangle centred at `(cx, cy)` with circumradius
 * `size` (the transmitter's marker).
 *
 * @example
 * ```ts
 * triangleCorners(0, 0, 2)[0]; // [0, -2]: the apex, up
 * ```
 */
export function triangleCorners(cx: number, cy: number, size: number): [number, number][] {
  const half = size * Math.sin(Math.PI / 3);
  return [
    [cx, cy - size],
    [cx + half, cy + size / 2],
    [cx - half, cy + size / 2],
  ];
}

/**
 * Draw a transmitter marker: a filled triangle with a dark outline and a
 * white halo, so that it shows on any colour.
 *
 * @example
 * ```ts
 * drawTransmitterMarker(image, 50, 50, 8, [214, 39, 40]);
 * ```
 */
export function drawTransmitterMarker(image: RgbaImage, cx: number, cy: number, size: number, fill: Rgb, outline: Rgb = [0, 0, 0]): void {
  const corners = triangleCorners(cx, cy, size);
  strokeClosed(image, corners, 4, [255, 255, 255]);
  fillPolygon(image, corners, fill);
  strokeClosed(image, corners, 1.5, outline);
}

/**
 * Draw a receiver marker: a filled disc with a dark outline and a white halo.
 *
 * @example
 * ```ts
 * drawReceiverMarker(image, 50, 50, 5, [31, 119, 180]);
 * ```
 */
export function drawReceiverMarker(image: RgbaImage, cx: number, cy: number, radius: number, fill: Rgb, outline: Rgb = [0, 0, 0]): void {
  fillDisc(image, cx, cy, radius + 2.5, [255, 255, 255]);
  fillDisc(image, cx, cy, radius + 1, outline);
  fillDisc(image, cx, cy, radius - 0.5, fill);
}

function strokeClosed(image: RgbaImage, corners: readonly (readonly [number, number])[], width: number, color: Rgb): void {
  for (let i = 0; i < corners.length; i++) {
    const [x0, y0] = corners[i]!;
    const [x1, y1] = corners[(i + 1) % corners.length]!;
    drawThickLine(image, x0, y0, x1, y1, width, color);
  }
}
