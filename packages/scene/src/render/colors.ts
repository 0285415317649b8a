/**
 * Colours shared by the SVG and PNG renderers: what walls, RIS, vertices,
 * transmitters, receivers and paths of each order look like, and the colour
 * of NaN map values.
 *
 * @module
 */

/**
 * An sRGB colour, each channel an integer in 0..255.
 *
 * @example
 * ```ts
 * const red: Rgb = [214, 39, 40];
 * rgbToHex(red); // '#d62728'
 * ```
 */
export type Rgb = readonly [number, number, number];

/**
 * A colour as `#rrggbb` (for SVG attributes).
 *
 * @example
 * ```ts
 * rgbToHex([0, 114, 178]); // '#0072b2'
 * ```
 */
export function rgbToHex(color: Rgb): string {
  let hex = '#';
  for (const channel of color) hex += Math.max(0, Math.min(255, Math.round(channel))).toString(16).padStart(2, '0');
  return hex;
}

/**
 * A colour from `#rrggbb` or `#rgb`.
 *
 * @throws Error when the text is not a hex colour.
 * @example
 * ```ts
 * hexToRgb('#0072b2'); // [0, 114, 178]
 * hexToRgb('#fff'); // [255, 255, 255]
 * ```
 */
export function hexToRgb(hex: string): Rgb {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (match === null) throw new Error(`hexToRgb: expected a colour '#rrggbb' or '#rgb', got ${JSON.stringify(hex)}`);
  let digits = match[1]!;
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  return [parseInt(digits.slice(0, 2), 16), parseInt(digits.slice(2, 4), 16), parseInt(digits.slice(4, 6), 16)];
}

/**
 * The colours of the scene's parts, the same in every picture.
 *
 * - walls: near black; RIS: purple (drawn thicker); vertices and user-defined
 *   objects: dark grey;
 * - transmitters: red triangles; receivers: blue circles;
 * - NaN map values: light grey `#c8c8c8`, a colour neither viridis nor plasma
 *   holds (a pixel of that grey inside a map is a NaN, never a value).
 *
 * @example
 * ```ts
 * rgbToHex(SCENE_COLORS.transmitter); // '#d62728'
 * ```
 */
export const SCENE_COLORS = Object.freeze({
  wall: [34, 34, 34] as Rgb,
  ris: [123, 50, 148] as Rgb,
  vertex: [64, 64, 64] as Rgb,
  otherObject: [90, 90, 90] as Rgb,
  transmitter: [214, 39, 40] as Rgb,
  receiver: [31, 119, 180] as Rgb,
  markerOutline: [0, 0, 0] as Rgb,
  halo: [255, 255, 255] as Rgb,
  text: [34, 34, 34] as Rgb,
  axis: [34, 34, 34] as Rgb,
  background: [255, 255, 255] as Rgb,
  nan: [200, 200, 200] as Rgb,
});

// Okabe-Ito colours (safe for colour-blind readers), none of them the
// transmitter's red or the receiver's blue.
const PATH_ORDER_COLORS: readonly Rgb[] = [
  [0, 158, 115], // 0, line of sight: bluish green
  [230, 159, 0], // 1: orange
  [204, 121, 167], // 2: reddish purple
  [86, 180, 233], // 3: sky blue
  [0, 114, 178], // 4: blue
  [213, 94, 0], // 5: vermillion
  [240, 228, 66], // 6: yellow
];

/**
 * The colour of a path of `order` interactions (0 = line of sight); orders
 * past the palette's end wrap around.
 *
 * @example
 * ```ts
 * rgbToHex(pathOrderColor(0)); // '#009e73' (line of sight: green)
 * rgbToHex(pathOrderColor(1)); // '#e69f00' (one interaction: orange)
 * ```
 */
export function pathOrderColor(order: number): Rgb {
  const index = Math.max(0, Math.floor(order)) % PATH_ORDER_COLORS.length;
  return PATH_ORDER_COLORS[index]!;
}

/**
 * A legend's words for a path order.
 *
 * @example
 * ```ts
 * pathOrderLabel(0); // 'line of sight'
 * pathOrderLabel(2); // '2 interactions'
 * ```
 */
export function pathOrderLabel(order: number): string {
  if (order === 0) return 'line of sight';
  return order === 1 ? '1 interaction' : `${order} interactions`;
}
