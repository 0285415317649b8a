/**
 * Colour scales: how a map value becomes a position in [0, 1] along a colour
 * map (linear, decibels relative to P0, or logarithmic), with `vmin` / `vmax`
 * and the colour bar's ticks.
 *
 * @module
 */
import { logTicks, niceTicks, type Tick } from './ticks.js';

/**
 * The scale of a map's values:
 * - `linear`: the value itself; `vmin` / `vmax` in the value's units;
 * - `dB`: `10 log10(P / P0)` (P0 = `referencePower`, default 100, the power at
 *   zero distance); `vmin` / `vmax` in dB (e.g. -50 and 5);
 * - `log`: `log10(P)`; `vmin` / `vmax` in the value's units (e.g. 1e-4 and 1).
 *
 * On `dB` and `log` scales, values `<= 0` lie below every positive value:
 * they take the low end of the colour map. NaN takes the NaN colour.
 *
 * @example
 * ```ts
 * const scale: ColorScaleKind = 'dB';
 * ```
 */
export type ColorScaleKind = 'linear' | 'dB' | 'log';

/**
 * Options of a colour scale.
 *
 * @example
 * ```ts
 * const options: ColorScaleOptions = { scale: 'dB', vmin: -50, vmax: 5 };
 * ```
 */
export interface ColorScaleOptions {
  /** `linear` (default), `dB` or `log`. */
  scale?: ColorScaleKind | undefined;
  /** The value at the low end of the colour map (dB for `dB`); default: the smallest finite value shown. */
  vmin?: number | undefined;
  /** The value at the high end of the colour map (dB for `dB`); default: the largest finite value shown. */
  vmax?: number | undefined;
  /** P0 of the `dB` scale (default 100, DiffeRT2d's power at zero distance). */
  referencePower?: number | undefined;
}

/**
 * A resolved colour scale: `position(value)` is where a value falls on the
 * colour map (0 at `vmin`, 1 at `vmax`, clamped; NaN for NaN).
 *
 * @example
 * ```ts
 * const scale = colorScale({ scale: 'dB', vmin: -50, vmax: 5 });
 * scale.position(100 * 10 ** -5); // 0 (-50 dB)
 * scale.position(100 * 10 ** 0.5); // 1 (5 dB)
 * scale.ticks().map((t) => t.label); // ['-50', '-40', '-30', '-20', '-10', '0']
 * ```
 */
export interface ColorScale {
  /** The kind of scale. */
  readonly kind: ColorScaleKind;
  /** The low end, in the scale's units (dB for `dB`). */
  readonly vmin: number;
  /** The high end, in the scale's units (dB for `dB`). */
  readonly vmax: number;
  /** P0 of the `dB` scale. */
  readonly referencePower: number;
  /** A value (a power, not dB) as shown on this scale: itself, its dB, or itself for `log`. */
  display(value: number): number;
  /** Where a value (a power, not dB) falls on the colour map, in [0, 1]; NaN for NaN. */
  position(value: number): number;
  /** Ticks of the colour bar (values in the scale's units; for `log`, the values themselves). */
  ticks(): Tick[];
  /** Where a tick's value lies along the colour bar, in [0, 1]. */
  tickPosition(tickValue: number): number;
}

/**
 * The default P0 of the dB scale: DiffeRT2d's power at zero distance,
 * `1 / h^2` with `h = 0.1`.
 *
 * @example
 * ```ts
 * 10 * Math.log10(1 / DEFAULT_REFERENCE_POWER); // -20 (dB)
 * ```
 */
export const DEFAULT_REFERENCE_POWER = 100;

/**
 * A colour scale. Missing `vmin` / `vmax` come from the finite values of
 * `values` as shown on the scale (dB for `dB`; the positive ones for `log`).
 *
 * @param options - `scale`, `vmin`, `vmax`, `referencePower`.
 * @param values - the map's values (powers), for the default range.
 * @throws Error naming the option for a non-finite or empty range, `vmin >=
 *   vmax` (when both are given), or a `log` range that is not positive.
 * @example
 * ```ts
 * colorScale({ scale: 'log', vmin: 1e-4, vmax: 1 }).position(1e-2); // 0.5
 * colorScale({}, [2, 4, NaN, 6]).position(4); // 0.5
 * ```
 */
export function colorScale(options: ColorScaleOptions = {}, values?: ArrayLike<number>): ColorScale {
  const op = 'colorScale';
  const kind = options.scale ?? 'linear';
  if (kind !== 'linear' && kind !== 'dB' && kind !== 'log') {
    throw new Error(`${op}: scale must be 'linear', 'dB' or 'log', got ${JSON.stringify(kind)}`);
  }
  const referencePower = options.referencePower ?? DEFAULT_REFERENCE_POWER;
  if (!(referencePower > 0 && Number.isFinite(referencePower))) {
    throw new Error(`${op}: referencePower must be a positive finite number, got ${referencePower}`);
  }
  const display = displayFunction(kind, referencePower);
  for (const [name, value] of [['vmin', options.vmin], ['vmax', options.vmax]] as const) {
    if (value !== undefined && !Number.isFinite(value)) throw new Error(`${op}: ${name} must be a finite number, got ${value}`);
    if (kind === 'log' && value !== undefined && !(value > 0)) throw new Error(`${op}: ${name} of a log scale must be positive, got ${value}`);
  }
  const [vmin, vmax] = resolveRange(kind, options.vmin, options.vmax, () => finiteRange(values ?? [], display, kind === 'log'));
  if (!(vmax > vmin)) throw new Error(`${op}: vmin must be below vmax, got vmin ${vmin} and vmax ${vmax}`);
  const low = kind === 'log' ? Math.log10(vmin) : vmin;
  const high = kind === 'log' ? Math.log10(vmax) : vmax;
  const span = high - low;
  const fraction = (shown: number) => {
    if (Number.isNaN(shown)) return NaN;
    const t = (shown - low) / span;
    return t <= 0 ? 0 : t >= 1 ? 1 : t;
  };
  return Object.freeze({
    kind,
    vmin,
    vmax,
    referencePower,
    display,
    position: (value: number) => fraction(kind === 'log' ? logOf(value) : display(value)),
    ticks: () => (kind === 'log' ? logTicks(vmin, vmax) : niceTicks(vmin, vmax, 6)),
    tickPosition: (tickValue: number) => fraction(kind === 'log' ? Math.log10(tickValue) : tickValue),
  });
}

/**
 * The range shown: the bounds given, the others from the data's range, or
 * one unit (one decade for log) beside the bound given when the data does
 * not help.
 */
function resolveRange(
  kind: ColorScaleKind,
  vmin: number | undefined,
  vmax: number | undefined,
  dataRange: () => [number, number] | undefined,
): [number, number] {
  if (vmin !== undefined && vmax !== undefined) return [vmin, vmax];
  const range = dataRange();
  const widen = (bound: number, direction: 1 | -1) => (kind === 'log' ? bound * 10 ** direction : bound + direction);
  if (vmin !== undefined) return [vmin, range !== undefined && range[1] > vmin ? range[1] : widen(vmin, 1)];
  if (vmax !== undefined) return [range !== undefined && range[0] < vmax ? range[0] : widen(vmax, -1), vmax];
  const [low, high] = range ?? (kind === 'log' ? [1, 10] : [0, 1]);
  return [low, high > low ? high : widen(low, 1)];
}

/** log10 of a value; values <= 0 are -Infinity (the low end), NaN stays NaN. */
function logOf(value: number): number {
  if (Number.isNaN(value)) return NaN;
  return value > 0 ? Math.log10(value) : -Infinity;
}

function displayFunction(kind: ColorScaleKind, referencePower: number): (value: number) => number {
  if (kind === 'dB') return (value) => (Number.isNaN(value) ? NaN : value > 0 ? 10 * Math.log10(value / referencePower) : -Infinity);
  return (value) => value;
}

/** [min, max] of the finite shown values (positive ones only for log), or undefined when none. */
function finiteRange(values: ArrayLike<number>, display: (value: number) => number, positiveOnly: boolean): [number, number] | undefined {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const raw = values[i]!;
    if (positiveOnly && !(raw > 0)) continue;
    const shown = display(raw);
    if (!Number.isFinite(shown)) continue;
    if (shown < low) low = shown;
    if (shown > high) high = shown;
  }
  return low <= high ? [low, high] : undefined;
}
