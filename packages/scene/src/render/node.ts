/**
 * Node-only rendering helpers: compact PNG files with `node:zlib`.
 * (Everything else in `render/` works in a browser as well.)
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { renderMapPngCompact } from '@differt2d/scene/render/node';
 * writeFileSync('map.png', renderMapPngCompact(map, { scale: 'dB', vmin: -50, vmax: 5 }));
 * ```
 *
 * @module
 */
import { deflateSync } from 'node:zlib';
import { renderMapPng, type MapPngOptions } from './mapPng.js';
import { renderMapSvg, type MapSvgOptions } from './mapSvg.js';
import { encodePng } from './png.js';
import type { DrawableMap } from './mapData.js';
import type { RgbaImage } from './rgbaImage.js';

/**
 * A `DeflateFunction` with node's zlib (level 9): a zlib stream, as PNG's IDAT wants.
 *
 * @example
 * ```ts
 * const png = encodePng(image, { deflate: zlibDeflate });
 * ```
 */
export function zlibDeflate(data: Uint8Array): Uint8Array {
  const compressed = deflateSync(data, { level: 9 });
  return new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength);
}

/**
 * Encode an image as a compact PNG file (node's zlib).
 *
 * @example
 * ```ts
 * writeFileSync('image.png', encodePngCompact(createImage(64, 64, [255, 255, 255])));
 * ```
 */
export function encodePngCompact(image: RgbaImage): Uint8Array {
  return encodePng(image, { deflate: zlibDeflate });
}

/**
 * `renderMapPng` with node's zlib: a compact PNG file.
 *
 * @example
 * ```ts
 * writeFileSync('map.png', renderMapPngCompact(map, { scene: basicScene(), scale: 'dB', vmin: -50, vmax: 5 }));
 * ```
 */
export function renderMapPngCompact(map: DrawableMap, options: MapPngOptions = {}): Uint8Array {
  return renderMapPng(map, { ...options, deflate: zlibDeflate });
}

/**
 * `renderMapSvg` with its embedded PNG compressed by node's zlib.
 *
 * @example
 * ```ts
 * writeFileSync('map.svg', renderMapSvgCompact(map, { scene: basicScene(), scale: 'dB', vmin: -50, vmax: 5 }));
 * ```
 */
export function renderMapSvgCompact(map: DrawableMap, options: MapSvgOptions = {}): string {
  return renderMapSvg(map, { ...options, deflate: zlibDeflate });
}
