/**
 * A tiny built-in bitmap font (5 x 7 pixel capitals and digits, lower case
 * with descenders, a few symbols), so that PNG pictures get readable tick
 * labels and titles without any font file. Glyphs are drawn at an integer
 * scale, horizontally or rotated a quarter turn (reading bottom to top).
 *
 * @module
 */
import type { Rgb } from './colors.js';
import { blendPixel, type RgbaImage } from './rgbaImage.js';

// Each glyph: its rows, top to bottom, '#' for ink. Rows 0..6 hold capitals
// and digits (the baseline is under row 6); rows 7..8 hold descenders.
// Glyphs of 7 rows are padded below.
const GLYPH_ROWS: Readonly<Record<string, string>> = {
  ' ': '... ... ... ... ... ... ...',
  '0': '.###. #...# #..## #.#.# ##..# #...# .###.',
  '1': '..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.',
  '2': '.###. #...# ....# ...#. ..#.. .#... #####',
  '3': '##### ...#. ..#.. ...#. ....# #...# .###.',
  '4': '...#. ..##. .#.#. #..#. ##### ...#. ...#.',
  '5': '##### #.... ####. ....# ....# #...# .###.',
  '6': '..##. .#... #.... ####. #...# #...# .###.',
  '7': '##### ....# ...#. ..#.. .#... .#... .#...',
  '8': '.###. #...# #...# .###. #...# #...# .###.',
  '9': '.###. #...# #...# .#### ....# ...#. .##..',
  '-': '.... .... .... #### .... .... ....',
  '+': '..... ..#.. ..#.. ##### ..#.. ..#.. .....',
  '=': '..... ..... ##### ..... ##### ..... .....',
  '.': '.. .. .. .. .. ## ##',
  ',': '.. .. .. .. .. ## .# #.',
  ':': '.. ## ## .. ## ## ..',
  '(': '..# .#. #.. #.. #.. .#. ..#',
  ')': '#.. .#. ..# ..# ..# .#. #..',
  '[': '### #.. #.. #.. #.. #.. ###',
  ']': '### ..# ..# ..# ..# ..# ###',
  '/': '....# ....# ...#. ..#.. .#... #.... #....',
  '%': '##... ##..# ...#. ..#.. .#... #..## ...##',
  '_': '..... ..... ..... ..... ..... ..... #####',
  "'": '# # . . . . .',
  '^': '..#.. .#.#. #...# ..... ..... ..... .....',
  '*': '..... ..#.. #.#.# .###. #.#.# ..#.. .....',
  '<': '...# ..#. .#.. #... .#.. ..#. ...#',
  '>': '#... .#.. ..#. ...# ..#. .#.. #...',
  '?': '.###. #...# ....# ...#. ..#.. ..... ..#..',
  '!': '# # # # # . #',
  A: '.###. #...# #...# ##### #...# #...# #...#',
  B: '####. #...# #...# ####. #...# #...# ####.',
  C: '.###. #...# #.... #.... #.... #...# .###.',
  D: '###.. #..#. #...# #...# #...# #..#. ###..',
  E: '##### #.... #.... ####. #.... #.... #####',
  F: '##### #.... #.... ####. #.... #.... #....',
  G: '.###. #...# #.... #.### #...# #...# .####',
  H: '#...# #...# #...# ##### #...# #...# #...#',
  I: '### .#. .#. .#. .#. .#. ###',
  J: '..### ...#. ...#. ...#. ...#. #..#. .##..',
  K: '#...# #..#. #.#.. ##... #.#.. #..#. #...#',
  L: '#.... #.... #.... #.... #.... #.... #####',
  M: '#...# ##.## #.#.# #.#.# #...# #...# #...#',
  N: '#...# #...# ##..# #.#.# #..## #...# #...#',
  O: '.###. #...# #...# #...# #...# #...# .###.',
  P: '####. #...# #...# ####. #.... #.... #....',
  Q: '.###. #...# #...# #...# #.#.# #..#. .##.#',
  R: '####. #...# #...# ####. #.#.. #..#. #...#',
  S: '.#### #.... #.... .###. ....# ....# ####.',
  T: '##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..',
  U: '#...# #...# #...# #...# #...# #...# .###.',
  V: '#...# #...# #...# #...# #...# .#.#. ..#..',
  W: '#...# #...# #...# #.#.# #.#.# #.#.# .#.#.',
  X: '#...# #...# .#.#. ..#.. .#.#. #...# #...#',
  Y: '#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..',
  Z: '##### ....# ...#. ..#.. .#... #.... #####',
  a: '..... ..... .###. ....# .#### #...# .####',
  b: '#.... #.... #.##. ##..# #...# #...# ####.',
  c: '..... ..... .###. #.... #.... #...# .###.',
  d: '....# ....# .##.# #..## #...# #...# .####',
  e: '..... ..... .###. #...# ##### #.... .###.',
  f: '..## .#.. #### .#.. .#.. .#.. .#..',
  g: '..... ..... .#### #...# #...# #...# .#### ....# .###.',
  h: '#.... #.... #.##. ##..# #...# #...# #...#',
  i: '.#. ... ##. .#. .#. .#. ###',
  j: '...# .... ..## ...# ...# ...# ...# #..# .##.',
  k: '#... #... #..# #.#. ##.. #.#. #..#',
  l: '##. .#. .#. .#. .#. .#. ###',
  m: '..... ..... ##.#. #.#.# #.#.# #.#.# #.#.#',
  n: '..... ..... #.##. ##..# #...# #...# #...#',
  o: '..... ..... .###. #...# #...# #...# .###.',
  p: '..... ..... ####. #...# #...# #...# ####. #.... #....',
  q: '..... ..... .#### #...# #...# #...# .#### ....# ....#',
  r: '..... ..... #.##. ##..# #.... #.... #....',
  s: '..... ..... .#### #.... .###. ....# ####.',
  t: '.#.. .#.. #### .#.. .#.. .#.. ..##',
  u: '..... ..... #...# #...# #...# #..## .##.#',
  v: '..... ..... #...# #...# #...# .#.#. ..#..',
  w: '..... ..... #...# #...# #.#.# #.#.# .#.#.',
  x: '..... ..... #...# .#.#. ..#.. .#.#. #...#',
  y: '..... ..... #...# #...# #...# #...# .#### ....# .###.',
  z: '..... ..... ##### ...#. ..#.. .#... #####',
};

/** Rows of a glyph (capitals and digits), not counting descenders. */
const CAP_HEIGHT = 7;
/** Rows of a glyph with its descender. */
const CELL_HEIGHT = 9;

interface Glyph {
  readonly width: number;
  /** CELL_HEIGHT rows of `width` 0/1 values. */
  readonly ink: Uint8Array;
}

const glyphs = new Map<string, Glyph>();
for (const [character, text] of Object.entries(GLYPH_ROWS)) {
  const rows = text.split(' ');
  const width = rows[0]!.length;
  const ink = new Uint8Array(width * CELL_HEIGHT);
  rows.forEach((row, y) => {
    if (row.length !== width) throw new Error(`bitmapFont: glyph ${JSON.stringify(character)} row ${y} has ${row.length} columns, expected ${width}`);
    for (let x = 0; x < width; x++) ink[y * width + x] = row[x] === '#' ? 1 : 0;
  });
  glyphs.set(character, { width, ink });
}

/** Characters with no glyph of their own: the minus sign and look-alikes. */
const SUBSTITUTES: Readonly<Record<string, string>> = { '\u2212': '-', '\u2013': '-', '\u00b7': '.', '\u00d7': 'x' };

function glyphOf(character: string): Glyph {
  return glyphs.get(character) ?? glyphs.get(SUBSTITUTES[character] ?? '?') ?? glyphs.get('?')!;
}

/**
 * The characters the bitmap font draws (others are drawn as `?`; the minus
 * sign U+2212 as `-`).
 *
 * @example
 * ```ts
 * BITMAP_FONT_CHARACTERS.includes('e'); // true
 * ```
 */
export const BITMAP_FONT_CHARACTERS: string = [...glyphs.keys()].join('');

/**
 * Whether the bitmap font has a glyph of its own for every character of a text.
 *
 * @example
 * ```ts
 * bitmapFontCovers('-50 dB'); // true
 * bitmapFontCovers('\u03bb'); // false
 * ```
 */
export function bitmapFontCovers(text: string): boolean {
  for (const character of text) if (!glyphs.has(character) && SUBSTITUTES[character] === undefined) return false;
  return true;
}

/**
 * Options of bitmap text.
 *
 * @example
 * ```ts
 * const options: BitmapTextOptions = { scale: 2, rotated: true };
 * ```
 */
export interface BitmapTextOptions {
  /** Pixels per font pixel, an integer >= 1 (default 2: capitals 14 pixels high). */
  scale?: number | undefined;
  /** Draw reading from bottom to top (a quarter turn counter-clockwise), for vertical axis labels. */
  rotated?: boolean | undefined;
}

/**
 * The size of a text in the bitmap font, unrotated: `width` (pixels, one
 * font pixel of spacing between glyphs), `capHeight` (capitals and digits)
 * and `height` (with descenders).
 *
 * @example
 * ```ts
 * measureBitmapText('-50', 2); // { width: 32, capHeight: 14, height: 18 }
 * ```
 */
export function measureBitmapText(text: string, scale = 2): { width: number; capHeight: number; height: number } {
  let width = 0;
  let count = 0;
  for (const character of text) {
    width += glyphOf(character).width;
    count++;
  }
  if (count > 1) width += count - 1;
  return { width: width * scale, capHeight: CAP_HEIGHT * scale, height: CELL_HEIGHT * scale };
}

/**
 * Draw a text in the bitmap font. `(left, top)` is the top-left corner of
 * the text's box (capitals start at `top`); rotated text reads upwards, its
 * box's top-left corner at `(left, top)` with the first glyph at the bottom.
 *
 * @example
 * ```ts
 * const image = createImage(80, 20, [255, 255, 255]);
 * drawBitmapText(image, '-50 dB', 2, 2, [0, 0, 0]);
 * ```
 */
export function drawBitmapText(image: RgbaImage, text: string, left: number, top: number, color: Rgb, options: BitmapTextOptions = {}): void {
  const scale = Math.max(1, Math.round(options.scale ?? 2));
  const rotated = options.rotated ?? false;
  const width = measureBitmapText(text, scale).width;
  const x0 = Math.round(left);
  const y0 = Math.round(top);
  let pen = 0; // along the text, in font pixels
  for (const character of text) {
    const glyph = glyphOf(character);
    for (let gy = 0; gy < CELL_HEIGHT; gy++) {
      for (let gx = 0; gx < glyph.width; gx++) {
        if (glyph.ink[gy * glyph.width + gx] === 0) continue;
        for (let sy = 0; sy < scale; sy++) {
          for (let sx = 0; sx < scale; sx++) {
            const along = (pen + gx) * scale + sx; // from the text's start
            const across = gy * scale + sy; // from the text's top
            if (rotated) blendPixel(image, x0 + across, y0 + width - 1 - along, color, 1);
            else blendPixel(image, x0 + along, y0 + across, color, 1);
          }
        }
      }
    }
    pen += glyph.width + 1;
  }
}
