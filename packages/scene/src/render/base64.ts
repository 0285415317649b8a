/**
 * Base64 (RFC 4648, with padding) of bytes, and `data:` URLs, without
 * `btoa` or `Buffer`: the same in node and in a browser.
 *
 * @module
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The base64 text of some bytes.
 *
 * @example
 * ```ts
 * bytesToBase64(new TextEncoder().encode('Man')); // 'TWFu'
 * bytesToBase64(Uint8Array.of(0xff)); // '/w=='
 * ```
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = bytes[full]! << 16;
    chunk += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[full]! << 16) | (bytes[full + 1]! << 8);
    chunk += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + '=';
  }
  parts.push(chunk);
  return parts.join('');
}

/**
 * A `data:` URL holding bytes, e.g. a PNG for an SVG `<image>`.
 *
 * @example
 * ```ts
 * dataUrl('image/png', Uint8Array.of(0x89, 0x50)); // 'data:image/png;base64,iVA='
 * ```
 */
export function dataUrl(mimeType: string, bytes: Uint8Array): string {
  return `data:${mimeType};base64,${bytesToBase64(bytes)}`;
}
