/**
 * Colour maps: 256-entry RGB tables interpolated from anchor points of the
 * published matplotlib maps (viridis and plasma, by van der Walt and Smith;
 * one anchor every 8 entries, linear in sRGB between them, within 3/255 of
 * the published tables), and a grey ramp.
 *
 * @module
 */
import type { Rgb } from './colors.js';

/**
 * The names of the built-in colour maps.
 *
 * @example
 * ```ts
 * const name: ColormapName = 'viridis';
 * ```
 */
export type ColormapName = 'viridis' | 'plasma' | 'greys';

/**
 * A colour map: 256 colours from the low end (entry 0) to the high end
 * (entry 255), as `r, g, b` bytes.
 *
 * @example
 * ```ts
 * const map: Colormap = colormap('viridis');
 * map.size; // 256
 * colormapEntry(map, 0); // [68, 1, 84]
 * ```
 */
export interface Colormap {
  /** The map's name. */
  readonly name: string;
  /** Number of colours (256). */
  readonly size: number;
  /** `size * 3` bytes: `r, g, b` of each colour, low end first. */
  readonly table: Uint8Array;
}

/** Anchor points `[entry index 0..255, r, g, b]` (channels in 0..1). */
type Anchor = readonly [number, number, number, number];

// Every 8th entry of matplotlib's _viridis_data (and the last), rounded to 4 decimals.
const VIRIDIS_ANCHORS: readonly Anchor[] = [
  [0, 0.2670, 0.0049, 0.3294], [8, 0.2770, 0.0503, 0.3757], [16, 0.2823, 0.0950, 0.4173],
  [24, 0.2829, 0.1359, 0.4534], [32, 0.2788, 0.1755, 0.4834], [40, 0.2706, 0.2141, 0.5071],
  [48, 0.2590, 0.2515, 0.5247], [56, 0.2450, 0.2877, 0.5373], [64, 0.2297, 0.3224, 0.5457],
  [72, 0.2143, 0.3556, 0.5512], [80, 0.1994, 0.3876, 0.5546], [88, 0.1856, 0.4186, 0.5568],
  [96, 0.1727, 0.4488, 0.5579], [104, 0.1607, 0.4785, 0.5581], [112, 0.1490, 0.5081, 0.5573],
  [120, 0.1378, 0.5375, 0.5549], [128, 0.1276, 0.5669, 0.5506], [136, 0.1206, 0.5964, 0.5436],
  [144, 0.1206, 0.6258, 0.5335], [152, 0.1323, 0.6550, 0.5197], [160, 0.1579, 0.6838, 0.5017],
  [168, 0.1966, 0.7118, 0.4792], [176, 0.2461, 0.7389, 0.4520], [184, 0.3041, 0.7647, 0.4199],
  [192, 0.3692, 0.7889, 0.3829], [200, 0.4401, 0.8111, 0.3410], [208, 0.5160, 0.8312, 0.2943],
  [216, 0.5958, 0.8487, 0.2433], [224, 0.6785, 0.8637, 0.1895], [232, 0.7624, 0.8764, 0.1371],
  [240, 0.8456, 0.8873, 0.0997], [248, 0.9261, 0.8973, 0.1041], [255, 0.9932, 0.9062, 0.1439],
];

// Every 8th entry of matplotlib's _plasma_data (and the last), rounded to 4 decimals.
const PLASMA_ANCHORS: readonly Anchor[] = [
  [0, 0.0504, 0.0298, 0.5280], [8, 0.1324, 0.0223, 0.5633], [16, 0.1934, 0.0184, 0.5903],
  [24, 0.2480, 0.0144, 0.6129], [32, 0.2999, 0.0096, 0.6316], [40, 0.3502, 0.0044, 0.6463],
  [48, 0.3994, 0.0009, 0.6561], [56, 0.4477, 0.0021, 0.6602], [64, 0.4949, 0.0120, 0.6579],
  [72, 0.5406, 0.0350, 0.6486], [80, 0.5844, 0.0686, 0.6328], [88, 0.6260, 0.1033, 0.6113],
  [96, 0.6651, 0.1386, 0.5856], [104, 0.7018, 0.1740, 0.5573], [112, 0.7360, 0.2094, 0.5279],
  [120, 0.7681, 0.2448, 0.4985], [128, 0.7982, 0.2802, 0.4695], [136, 0.8266, 0.3157, 0.4413],
  [144, 0.8533, 0.3516, 0.4137], [152, 0.8784, 0.3879, 0.3866], [160, 0.9018, 0.4251, 0.3597],
  [168, 0.9233, 0.4633, 0.3328], [176, 0.9426, 0.5026, 0.3058], [184, 0.9594, 0.5434, 0.2787],
  [192, 0.9734, 0.5858, 0.2515], [200, 0.9842, 0.6297, 0.2246], [208, 0.9914, 0.6754, 0.1985],
  [216, 0.9945, 0.7227, 0.1744], [224, 0.9930, 0.7717, 0.1548], [232, 0.9865, 0.8224, 0.1436],
  [240, 0.9744, 0.8746, 0.1441], [248, 0.9568, 0.9282, 0.1524], [255, 0.9400, 0.9752, 0.1313],
];

const GREYS_ANCHORS: readonly Anchor[] = [
  [0, 1, 1, 1],
  [255, 0, 0, 0],
];

const ANCHORS: Readonly<Record<ColormapName, readonly Anchor[]>> = {
  viridis: VIRIDIS_ANCHORS,
  plasma: PLASMA_ANCHORS,
  greys: GREYS_ANCHORS,
};

/**
 * The names of the built-in colour maps, in a stable order.
 *
 * @example
 * ```ts
 * COLORMAP_NAMES.includes('plasma'); // true
 * ```
 */
export const COLORMAP_NAMES: readonly ColormapName[] = Object.freeze(Object.keys(ANCHORS) as ColormapName[]);

/**
 * A 256-entry colour map from anchor points `[index, r, g, b]` (indices
 * increasing from 0 to 255, channels in 0..1), linear between anchors.
 *
 * @throws Error when the anchors do not start at 0, end at 255 and increase.
 * @example
 * ```ts
 * const redToBlue = colormapFromAnchors('red-blue', [[0, 1, 0, 0], [255, 0, 0, 1]]);
 * colormapEntry(redToBlue, 255); // [0, 0, 255]
 * ```
 */
export function colormapFromAnchors(name: string, anchors: readonly Anchor[]): Colormap {
  const size = 256;
  if (anchors.length < 2 || anchors[0]![0] !== 0 || anchors[anchors.length - 1]![0] !== size - 1) {
    throw new Error(`colormapFromAnchors: ${name}: anchors must start at index 0 and end at index 255`);
  }
  const table = new Uint8Array(size * 3);
  let segment = 0;
  for (let index = 0; index < size; index++) {
    while (anchors[segment + 1]![0] < index) segment++;
    const [i0, r0, g0, b0] = anchors[segment]!;
    const [i1, r1, g1, b1] = anchors[segment + 1]!;
    if (!(i1 > i0)) throw new Error(`colormapFromAnchors: ${name}: anchor indices must increase (${i0} then ${i1})`);
    const f = (index - i0) / (i1 - i0);
    table[index * 3] = Math.round(255 * (r0 + (r1 - r0) * f));
    table[index * 3 + 1] = Math.round(255 * (g0 + (g1 - g0) * f));
    table[index * 3 + 2] = Math.round(255 * (b0 + (b1 - b0) * f));
  }
  return Object.freeze({ name, size, table });
}

const cache = new Map<ColormapName, Colormap>();

/**
 * A built-in colour map by name (built once, then shared).
 *
 * @throws Error listing the names for an unknown one.
 * @example
 * ```ts
 * colormapEntry(colormap('plasma'), 255); // [240, 249, 33]
 * ```
 */
export function colormap(name: ColormapName): Colormap {
  const anchors = ANCHORS[name];
  if (anchors === undefined) {
    throw new Error(`colormap: unknown colour map ${JSON.stringify(name)} (known: ${COLORMAP_NAMES.join(', ')})`);
  }
  let map = cache.get(name);
  if (map === undefined) {
    map = colormapFromAnchors(name, anchors);
    cache.set(name, map);
  }
  return map;
}

/**
 * A colour map given by name or as a `Colormap`.
 *
 * @example
 * ```ts
 * resolveColormap('viridis').name; // 'viridis'
 * ```
 */
export function resolveColormap(map: ColormapName | Colormap): Colormap {
  return typeof map === 'string' ? colormap(map) : map;
}

/**
 * Entry `index` (0..size-1) of a colour map.
 *
 * @example
 * ```ts
 * colormapEntry(colormap('viridis'), 0); // [68, 1, 84]
 * ```
 */
export function colormapEntry(map: Colormap, index: number): Rgb {
  const i = Math.max(0, Math.min(map.size - 1, Math.floor(index))) * 3;
  return [map.table[i]!, map.table[i + 1]!, map.table[i + 2]!];
}

/**
 * The entry of a colour map for a position `t` in [0, 1] (clamped):
 * `floor(t * size)`, the last entry for `t = 1` (as matplotlib).
 *
 * @example
 * ```ts
 * colormapIndex(256, 0); // 0
 * colormapIndex(256, 1); // 255
 * colormapIndex(256, 0.5); // 128
 * ```
 */
export function colormapIndex(size: number, t: number): number {
  if (!(t > 0)) return 0;
  if (t >= 1) return size - 1;
  return Math.min(size - 1, Math.floor(t * size));
}
