/**
 * Axis ticks: "nice" steps (1, 2 or 5 times a power of ten), decade ticks
 * for logarithmic scales, and labels with a common number of decimals.
 *
 * @module
 */

/**
 * A tick: its value and its label.
 *
 * @example
 * ```ts
 * const tick: Tick = { value: 0.2, label: '0.2' };
 * ```
 */
export interface Tick {
  /** Where the tick is, in the axis's units (for a log scale: the value itself, not its logarithm). */
  readonly value: number;
  /** The text shown by the tick (ASCII: `-` for minus, `1e-4` for powers of ten). */
  readonly label: string;
  /** For a power of ten on a log scale, its exponent (so SVG can write `10` with a superscript). */
  readonly exponent?: number | undefined;
}

/**
 * A nice step for about `targetCount` intervals over `span`: 1, 2 or 5 times
 * a power of ten.
 *
 * @returns `{ step, mantissa, exponent }` with `step = mantissa * 10^exponent`.
 * @throws Error when `span` is not a positive finite number or `targetCount < 1`.
 * @example
 * ```ts
 * niceStep(1.1, 5); // { step: 0.2, mantissa: 2, exponent: -1 }
 * niceStep(55, 6); // { step: 10, mantissa: 1, exponent: 1 }
 * ```
 */
export function niceStep(span: number, targetCount: number): { step: number; mantissa: 1 | 2 | 5; exponent: number } {
  if (!(span > 0 && Number.isFinite(span))) throw new Error(`niceStep: span must be a positive finite number, got ${span}`);
  if (!(targetCount >= 1)) throw new Error(`niceStep: targetCount must be at least 1, got ${targetCount}`);
  const raw = span / targetCount;
  let exponent = Math.floor(Math.log10(raw));
  const residual = raw / 10 ** exponent;
  let mantissa: 1 | 2 | 5;
  if (residual < 1.5) mantissa = 1;
  else if (residual < 3.5) mantissa = 2;
  else if (residual < 7.5) mantissa = 5;
  else {
    mantissa = 1;
    exponent += 1;
  }
  return { step: scaledByPowerOfTen(mantissa, exponent), mantissa, exponent };
}

/** `value * 10^exponent`, exact for integers times powers of ten (0.1 * 3 is 0.3, not 0.30000000000000004). */
function scaledByPowerOfTen(value: number, exponent: number): number {
  return exponent >= 0 ? value * 10 ** exponent : value / 10 ** -exponent;
}

/**
 * Ticks at every multiple of a nice step (1, 2 or 5 times a power of ten)
 * inside `[min, max]` (ends included, to a relative tolerance of 1e-9),
 * about `targetCount` intervals, labelled with the step's decimals.
 *
 * @throws Error when `min` or `max` is not finite or `max < min`.
 * @example
 * ```ts
 * niceTicks(-0.05, 1.05, 5).map((t) => t.label); // ['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']
 * niceTicks(-50, 5, 6).map((t) => t.value); // [-50, -40, -30, -20, -10, 0]
 * ```
 */
export function niceTicks(min: number, max: number, targetCount = 5): Tick[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) {
    throw new Error(`niceTicks: expected finite min <= max, got [${min}, ${max}]`);
  }
  if (max === min) return [{ value: min, label: formatFixedDecimals(min, decimalsOf(min)) }];
  const { mantissa, exponent } = niceStep(max - min, targetCount);
  const slack = (max - min) * 1e-9;
  const stepUnits = mantissa; // ticks are k * mantissa * 10^exponent
  const first = Math.ceil((min - slack) / scaledByPowerOfTen(stepUnits, exponent));
  const last = Math.floor((max + slack) / scaledByPowerOfTen(stepUnits, exponent));
  const values: number[] = [];
  for (let k = first; k <= last; k++) values.push(scaledByPowerOfTen(k * stepUnits, exponent));
  return labelTicks(values, exponent);
}

/**
 * Labels with a common format: plain decimals (as many as the step needs),
 * or `1e-5`-style when the numbers are very large or very small.
 */
function labelTicks(values: readonly number[], stepExponent: number): Tick[] {
  const largest = Math.max(...values.map(Math.abs));
  const scientific = largest >= 1e6 || stepExponent <= -5;
  const decimals = Math.max(0, -stepExponent);
  return values.map((value) => ({ value, label: scientific ? formatScientific(value) : formatFixedDecimals(value, decimals) }));
}

/** The decimals needed to show a number as given (up to 6). */
function decimalsOf(value: number): number {
  for (let decimals = 0; decimals <= 6; decimals++) {
    if (Math.abs(Number(value.toFixed(decimals)) - value) <= Math.abs(value) * 1e-12) return decimals;
  }
  return 6;
}

/**
 * A number with a fixed number of decimals, `-0` shown as `0`.
 *
 * @example
 * ```ts
 * formatFixedDecimals(-0.0000001, 2); // '0'
 * formatFixedDecimals(0.25, 2); // '0.25'
 * ```
 */
export function formatFixedDecimals(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}

/**
 * A number in short scientific notation: `1e-4`, `2.5e3`, `0` for zero.
 *
 * @example
 * ```ts
 * formatScientific(0.0001); // '1e-4'
 * formatScientific(25000); // '2.5e4'
 * ```
 */
export function formatScientific(value: number): string {
  if (value === 0) return '0';
  const [mantissa, exponent] = value.toExponential(3).split('e') as [string, string];
  const trimmed = mantissa.replace(/\.?0+$/, '');
  return `${trimmed}e${Number(exponent)}`;
}

/**
 * Ticks for a logarithmic axis over `[min, max]` (both positive): every power
 * of ten inside, labelled `1e-4` ... `1e0` (with `exponent` set); when fewer
 * than two fit, the 1-2-5 multiples of each decade; when still fewer than
 * two, nice linear ticks.
 *
 * @throws Error when `min` or `max` is not positive and finite or `max < min`.
 * @example
 * ```ts
 * logTicks(1e-4, 1).map((t) => t.label); // ['1e-4', '1e-3', '1e-2', '1e-1', '1e0']
 * logTicks(0.2, 0.9).map((t) => t.label); // ['0.2', '0.5']
 * ```
 */
export function logTicks(min: number, max: number): Tick[] {
  if (!(min > 0 && Number.isFinite(max) && max >= min)) {
    throw new Error(`logTicks: expected 0 < min <= max (finite), got [${min}, ${max}]`);
  }
  const slack = 1e-9;
  const lowDecade = Math.floor(Math.log10(min) + slack);
  const highDecade = Math.floor(Math.log10(max) + slack);
  const inside = (value: number) => value >= min * (1 - slack) && value <= max * (1 + slack);
  const decades: Tick[] = [];
  const thinning = Math.max(1, Math.ceil((highDecade - lowDecade + 1) / 10)); // at most ~10 labels
  for (let exponent = lowDecade; exponent <= highDecade + 1; exponent++) {
    const value = scaledByPowerOfTen(1, exponent);
    if (inside(value) && exponent % thinning === 0) decades.push({ value, label: `1e${exponent}`, exponent });
  }
  if (decades.length >= 2) return decades;
  const multiples: number[] = [];
  let smallestExponent = 0;
  for (let exponent = lowDecade; exponent <= highDecade; exponent++) {
    for (const mantissa of [1, 2, 5]) {
      const value = scaledByPowerOfTen(mantissa, exponent);
      if (inside(value)) {
        if (multiples.length === 0) smallestExponent = exponent;
        multiples.push(value);
      }
    }
  }
  if (multiples.length >= 2) return labelTicks(multiples, smallestExponent);
  return niceTicks(min, max, 4);
}
