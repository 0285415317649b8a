/**
 * RGBA images in memory (8 bits per channel, rows top to bottom) and the
 * pixel operations the rasterisers build on.
 *
 * @module
 */
import type { Rgb } from './colors.js';

/**
 * An RGBA image: `data[4 * (row * width + column) + channel]`, row 0 at the
 * top, channels r, g, b, a in 0..255 (not premultiplied).
 *
 * @example
 * ```ts
 * const image: RgbaImage = createImage(2, 1, [255, 255, 255]);
 * image.data.length; // 8
 * ```
 */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * A new image filled with one opaque colour (transparent black when none is given).
 *
 * @throws Error when a size is not a positive integer.
 * @example
 * ```ts
 * readPixel(createImage(3, 2, [10, 20, 30]), 2, 1); // [10, 20, 30, 255]
 * ```
 */
export function createImage(width: number, height: number, background?: Rgb): RgbaImage {
  for (const [name, size] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`createImage: ${name} must be a positive integer, got ${size}`);
  }
  const data = new Uint8Array(width * height * 4);
  if (background !== undefined) {
    const [r, g, b] = background;
    for (let i = 0; i < data.length; i += 4) {
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

/**
 * The `[r, g, b, a]` of a pixel.
 *
 * @throws Error when the pixel is outside the image.
 * @example
 * ```ts
 * readPixel(createImage(1, 1, [1, 2, 3]), 0, 0); // [1, 2, 3, 255]
 * ```
 */
export function readPixel(image: RgbaImage, column: number, row: number): [number, number, number, number] {
  if (!(column >= 0 && column < image.width && row >= 0 && row < image.height)) {
    throw new Error(`readPixel: (${column}, ${row}) is outside the ${image.width}x${image.height} image`);
  }
  const i = 4 * (Math.floor(row) * image.width + Math.floor(column));
  return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!, image.data[i + 3]!];
}

/**
 * Set a pixel to an opaque colour; pixels outside the image are ignored.
 *
 * @example
 * ```ts
 * const image = createImage(2, 2);
 * setPixel(image, 1, 0, [255, 0, 0]);
 * readPixel(image, 1, 0); // [255, 0, 0, 255]
 * ```
 */
export function setPixel(image: RgbaImage, column: number, row: number, color: Rgb): void {
  if (column < 0 || row < 0 || column >= image.width || row >= image.height) return;
  const i = 4 * (row * image.width + column);
  image.data[i] = color[0];
  image.data[i + 1] = color[1];
  image.data[i + 2] = color[2];
  image.data[i + 3] = 255;
}

/**
 * Paint a colour over a pixel with coverage `alpha` in [0, 1] ("over"
 * compositing); pixels outside the image and zero coverage are ignored.
 *
 * @example
 * ```ts
 * const image = createImage(1, 1, [255, 255, 255]);
 * blendPixel(image, 0, 0, [0, 0, 0], 0.5);
 * readPixel(image, 0, 0); // [128, 128, 128, 255]
 * ```
 */
export function blendPixel(image: RgbaImage, column: number, row: number, color: Rgb, alpha: number): void {
  if (!(alpha > 0) || column < 0 || row < 0 || column >= image.width || row >= image.height) return;
  const a = alpha >= 1 ? 1 : alpha;
  const i = 4 * (row * image.width + column);
  const data = image.data;
  const below = data[i + 3]! / 255;
  const out = a + below * (1 - a);
  for (let c = 0; c < 3; c++) {
    data[i + c] = Math.round((color[c]! * a + data[i + c]! * below * (1 - a)) / out);
  }
  data[i + 3] = Math.round(out * 255);
}

/**
 * Fill a rectangle of pixels (columns `left` to `left + width - 1`, rows
 * `top` to `top + height - 1`, clipped to the image) with an opaque colour.
 *
 * @example
 * ```ts
 * const image = createImage(4, 4);
 * fillRect(image, 1, 1, 2, 2, [0, 0, 255]);
 * readPixel(image, 2, 2); // [0, 0, 255, 255]
 * ```
 */
export function fillRect(image: RgbaImage, left: number, top: number, width: number, height: number, color: Rgb): void {
  const x0 = Math.max(0, Math.round(left));
  const y0 = Math.max(0, Math.round(top));
  const x1 = Math.min(image.width, Math.round(left + width));
  const y1 = Math.min(image.height, Math.round(top + height));
  for (let row = y0; row < y1; row++) {
    for (let column = x0; column < x1; column++) setPixel(image, column, row, color);
  }
}
