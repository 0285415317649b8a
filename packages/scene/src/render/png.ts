/**
 * A small PNG encoder of our own: signature, IHDR, IDAT, IEND chunks with
 * their CRC-32, 8-bit RGBA pixels, filter type 0 (none) on every row. The
 * compression step is pluggable: by default a zlib stream of STORED
 * (uncompressed) deflate blocks with its Adler-32, synchronous and available
 * everywhere; `encodePngAsync` uses `CompressionStream('deflate')` (browsers
 * and node >= 18); the node helper `zlibDeflate` (`render/node.ts`) gives
 * compact files synchronously.
 *
 * @module
 */
import type { RgbaImage } from './rgbaImage.js';

/**
 * A synchronous compressor: bytes in, a zlib stream (RFC 1950: header,
 * deflate data, Adler-32) out.
 *
 * @example
 * ```ts
 * const deflate: DeflateFunction = zlibStored;
 * ```
 */
export type DeflateFunction = (data: Uint8Array) => Uint8Array;

/**
 * An asynchronous compressor: bytes in, a zlib stream out.
 *
 * @example
 * ```ts
 * const deflate: AsyncDeflateFunction = compressionStreamDeflate;
 * ```
 */
export type AsyncDeflateFunction = (data: Uint8Array) => Promise<Uint8Array>;

/**
 * Options of the PNG encoders.
 *
 * @example
 * ```ts
 * const options: PngOptions = { deflate: zlibStored };
 * ```
 */
export interface PngOptions {
  /** The compressor (default `zlibStored`: no compression). */
  deflate?: DeflateFunction | undefined;
}

/**
 * The 8 bytes every PNG file starts with.
 *
 * @example
 * ```ts
 * PNG_SIGNATURE[1]; // 0x50 ('P')
 * ```
 */
export const PNG_SIGNATURE: Uint8Array = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

let crcTable: Uint32Array | undefined;

/** The CRC-32 table of the reflected polynomial 0xEDB88320, built once. */
function crc32Table(): Uint32Array {
  if (crcTable !== undefined) return crcTable;
  crcTable = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c >>> 0;
  }
  return crcTable;
}

/**
 * The CRC-32 (ISO 3309, as PNG and zip) of some bytes.
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('123456789')); // 0xcbf43926
 * ```
 */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const table = crc32Table();
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * The Adler-32 checksum (zlib's) of some bytes.
 *
 * @example
 * ```ts
 * adler32(new TextEncoder().encode('Wikipedia')); // 0x11e60398
 * ```
 */
export function adler32(bytes: Uint8Array): number {
  const MOD = 65521;
  let a = 1;
  let b = 0;
  // 5552 bytes at most between reductions keep the sums below 2^32.
  for (let start = 0; start < bytes.length; start += 5552) {
    const end = Math.min(bytes.length, start + 5552);
    for (let i = start; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return ((b << 16) | a) >>> 0;
}

const STORED_BLOCK_MAX = 65535;

/**
 * A zlib stream holding the data uncompressed: header 0x78 0x01, STORED
 * deflate blocks of at most 65535 bytes (the last one flagged final), and
 * the Adler-32 of the data. Valid input for any inflater.
 *
 * @example
 * ```ts
 * zlibStored(Uint8Array.of(1, 2, 3)); // 78 01 01 03 00 fc ff 01 02 03 00 0d 00 07
 * ```
 */
export function zlibStored(data: Uint8Array): Uint8Array {
  const blockCount = Math.max(1, Math.ceil(data.length / STORED_BLOCK_MAX));
  const out = new Uint8Array(2 + blockCount * 5 + data.length + 4);
  out[0] = 0x78; // deflate, 32 KiB window
  out[1] = 0x01; // no preset dictionary, fastest; (0x78 * 256 + 0x01) % 31 === 0
  let at = 2;
  for (let block = 0; block < blockCount; block++) {
    const start = block * STORED_BLOCK_MAX;
    const length = Math.min(STORED_BLOCK_MAX, data.length - start);
    out[at++] = block === blockCount - 1 ? 1 : 0; // BFINAL, BTYPE = 00 (stored)
    out[at++] = length & 0xff;
    out[at++] = length >>> 8;
    out[at++] = ~length & 0xff;
    out[at++] = (~length >>> 8) & 0xff;
    out.set(data.subarray(start, start + length), at);
    at += length;
  }
  writeUint32(out, at, adler32(data));
  return out;
}

function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = (value >>> 24) & 0xff;
  bytes[at + 1] = (value >>> 16) & 0xff;
  bytes[at + 2] = (value >>> 8) & 0xff;
  bytes[at + 3] = value & 0xff;
}

/**
 * The image's rows as PNG scanlines: each row a filter-type byte (0, none)
 * then its RGBA bytes. This is what IDAT compresses.
 *
 * @throws Error when the image's data does not hold width x height x 4 bytes.
 * @example
 * ```ts
 * pngScanlines(createImage(1, 1, [1, 2, 3])); // Uint8Array [0, 1, 2, 3, 255]
 * ```
 */
export function pngScanlines(image: RgbaImage): Uint8Array {
  const { width, height, data } = image;
  if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0)) {
    throw new Error(`encodePng: the image size must be positive integers, got ${width}x${height}`);
  }
  const rowBytes = width * 4;
  if (data.length !== rowBytes * height) {
    throw new Error(`encodePng: a ${width}x${height} RGBA image needs ${rowBytes * height} bytes, got ${data.length}`);
  }
  const raw = new Uint8Array((rowBytes + 1) * height);
  for (let row = 0; row < height; row++) {
    raw[row * (rowBytes + 1)] = 0;
    raw.set(data.subarray(row * rowBytes, (row + 1) * rowBytes), row * (rowBytes + 1) + 1);
  }
  return raw;
}

/** A PNG file from an image's size and its compressed scanlines. */
function assemblePng(width: number, height: number, compressed: Uint8Array): Uint8Array {
  const header = new Uint8Array(13);
  writeUint32(header, 0, width);
  writeUint32(header, 4, height);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method 0
  header[12] = 0; // no interlace
  const chunks: [string, Uint8Array][] = [
    ['IHDR', header],
    ['IDAT', compressed],
    ['IEND', new Uint8Array(0)],
  ];
  let size = PNG_SIGNATURE.length;
  for (const [, body] of chunks) size += 12 + body.length;
  const out = new Uint8Array(size);
  out.set(PNG_SIGNATURE, 0);
  let at = PNG_SIGNATURE.length;
  for (const [type, body] of chunks) {
    writeUint32(out, at, body.length);
    for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i);
    out.set(body, at + 8);
    writeUint32(out, at + 8 + body.length, crc32(out, at + 4, at + 8 + body.length));
    at += 12 + body.length;
  }
  return out;
}

/**
 * Encode an RGBA image as a PNG file, synchronously. Without a `deflate`
 * option the pixels are stored uncompressed (about 4 bytes per pixel):
 * pass `zlibDeflate` from `render/node.ts` in node for compact files, or use
 * `encodePngAsync`.
 *
 * @throws Error when the image's size or data is inconsistent.
 * @example
 * ```ts
 * const png = encodePng(createImage(16, 16, [255, 0, 0]));
 * png.subarray(0, 8); // the PNG signature
 * ```
 */
export function encodePng(image: RgbaImage, options: PngOptions = {}): Uint8Array {
  const deflate = options.deflate ?? zlibStored;
  return assemblePng(image.width, image.height, deflate(pngScanlines(image)));
}

/**
 * Compress with the platform's `CompressionStream('deflate')` (a zlib
 * stream; browsers, node >= 18).
 *
 * @throws Error when `CompressionStream` is not available.
 * @example
 * ```ts
 * const compressed = await compressionStreamDeflate(new Uint8Array(1000));
 * compressed.length < 100; // true
 * ```
 */
export async function compressionStreamDeflate(data: Uint8Array): Promise<Uint8Array> {
  if (typeof CompressionStream !== 'function') {
    throw new Error('compressionStreamDeflate: CompressionStream is not available here; use encodePng (stored) or a deflate function');
  }
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Encode an RGBA image as a compressed PNG file, asynchronously, with
 * `CompressionStream('deflate')` (or the `deflate` given); where the
 * platform has no `CompressionStream`, the pixels are stored uncompressed.
 *
 * @example
 * ```ts
 * const png = await encodePngAsync(createImage(256, 256, [255, 255, 255]));
 * png.length < 5000; // true
 * ```
 */
export async function encodePngAsync(image: RgbaImage, options: { deflate?: AsyncDeflateFunction | undefined } = {}): Promise<Uint8Array> {
  const scanlines = pngScanlines(image);
  const deflate = options.deflate ?? (typeof CompressionStream === 'function' ? compressionStreamDeflate : async (data: Uint8Array) => zlibStored(data));
  return assemblePng(image.width, image.height, await deflate(scanlines));
}
