/**
 * Lines on an RGBA image: Xiaolin Wu's anti-aliased one-pixel line, and
 * thick anti-aliased lines (each pixel covered in proportion to its distance
 * to the segment).
 *
 * Coordinates are continuous: pixel `(column, row)` covers
 * `[column, column + 1) x [row, row + 1)`, its centre is at `+0.5`.
 *
 * @module
 */
import type { Rgb } from './colors.js';
import { blendPixel, type RgbaImage } from './rgbaImage.js';

/**
 * Draw a one-pixel anti-aliased line from `(x0, y0)` to `(x1, y1)` (pixel
 * coordinates) by Xiaolin Wu's algorithm: along the major axis, each step
 * lights the two pixels straddling the line in proportion to their overlap.
 *
 * @example
 * ```ts
 * const image = createImage(10, 10, [255, 255, 255]);
 * drawLineWu(image, 0.5, 0.5, 9.5, 0.5, [0, 0, 0]); // a black horizontal line along row 0
 * readPixel(image, 5, 0); // [0, 0, 0, 255]
 * ```
 */
export function drawLineWu(image: RgbaImage, x0: number, y0: number, x1: number, y1: number, color: Rgb, opacity = 1): void {
  // Work with pixel centres at integers.
  let ax = x0 - 0.5;
  let ay = y0 - 0.5;
  let bx = x1 - 0.5;
  let by = y1 - 0.5;
  const steep = Math.abs(by - ay) > Math.abs(bx - ax);
  if (steep) {
    [ax, ay] = [ay, ax];
    [bx, by] = [by, bx];
  }
  if (ax > bx) {
    [ax, bx] = [bx, ax];
    [ay, by] = [by, ay];
  }
  const plot = (major: number, minor: number, coverage: number) => {
    if (steep) blendPixel(image, minor, major, color, coverage * opacity);
    else blendPixel(image, major, minor, color, coverage * opacity);
  };
  const dx = bx - ax;
  const gradient = dx === 0 ? 1 : (by - ay) / dx;
  const fractional = (value: number) => value - Math.floor(value);

  // First end point.
  let xEnd = Math.round(ax);
  let yEnd = ay + gradient * (xEnd - ax);
  let xGap = 1 - fractional(ax + 0.5);
  const xStart = xEnd;
  plot(xStart, Math.floor(yEnd), (1 - fractional(yEnd)) * xGap);
  plot(xStart, Math.floor(yEnd) + 1, fractional(yEnd) * xGap);
  let intersectY = yEnd + gradient;

  // Second end point.
  xEnd = Math.round(bx);
  yEnd = by + gradient * (xEnd - bx);
  xGap = fractional(bx + 0.5);
  const xStop = xEnd;
  if (xStop !== xStart) {
    plot(xStop, Math.floor(yEnd), (1 - fractional(yEnd)) * xGap);
    plot(xStop, Math.floor(yEnd) + 1, fractional(yEnd) * xGap);
  }

  // Between them.
  for (let x = xStart + 1; x < xStop; x++) {
    plot(x, Math.floor(intersectY), 1 - fractional(intersectY));
    plot(x, Math.floor(intersectY) + 1, fractional(intersectY));
    intersectY += gradient;
  }
}

/**
 * Draw an anti-aliased line `width` pixels wide with round caps: each pixel
 * near the segment is covered by `clamp(width / 2 + 0.5 - distance, 0, 1)`,
 * `distance` from its centre to the segment. One-pixel lines go to
 * `drawLineWu`.
 *
 * @example
 * ```ts
 * const image = createImage(20, 20, [255, 255, 255]);
 * drawThickLine(image, 2, 10, 18, 10, 3, [0, 0, 0]);
 * readPixel(image, 10, 10); // [0, 0, 0, 255]
 * ```
 */
export function drawThickLine(image: RgbaImage, x0: number, y0: number, x1: number, y1: number, width: number, color: Rgb, opacity = 1): void {
  if (!(width > 1)) {
    drawLineWu(image, x0, y0, x1, y1, color, opacity);
    return;
  }
  const half = width / 2;
  const reach = half + 1;
  const columnStart = Math.max(0, Math.floor(Math.min(x0, x1) - reach));
  const columnEnd = Math.min(image.width - 1, Math.ceil(Math.max(x0, x1) + reach));
  const rowStart = Math.max(0, Math.floor(Math.min(y0, y1) - reach));
  const rowEnd = Math.min(image.height - 1, Math.ceil(Math.max(y0, y1) + reach));
  const dx = x1 - x0;
  const dy = y1 - y0;
  const lengthSquared = dx * dx + dy * dy;
  for (let row = rowStart; row <= rowEnd; row++) {
    const py = row + 0.5;
    for (let column = columnStart; column <= columnEnd; column++) {
      const px = column + 0.5;
      let t = lengthSquared === 0 ? 0 : ((px - x0) * dx + (py - y0) * dy) / lengthSquared;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = px - (x0 + t * dx);
      const ey = py - (y0 + t * dy);
      const coverage = half + 0.5 - Math.sqrt(ex * ex + ey * ey);
      if (coverage > 0) blendPixel(image, column, row, color, Math.min(1, coverage) * opacity);
    }
  }
}
