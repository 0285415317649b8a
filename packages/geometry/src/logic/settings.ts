/**
 * Smoothing ("approx") settings: whether boolean logic is exact (0/1) or
 * smoothed into [0, 1] so that it has useful gradients, with which activation
 * and which slope. Chosen per call (options) over a global default that a
 * scope can override.
 *
 * @module
 */
import type { Tensor } from '@differt2d/autodiff';

/** A built-in activation name, or a user function mapping `alpha * x` to [0, 1]. */
export type Activation = 'hardSigmoid' | 'sigmoid' | ((x: Tensor) => Tensor);

/** Options accepted by every smoothed operation. Missing fields take the current defaults. */
export interface ApproxOptions {
  /** Smooth the logic (true) or keep exact 0/1 booleans (false). */
  approx?: boolean;
  /** Slope of the activation: `x > 0` becomes `activation(alpha * x)`. */
  alpha?: number;
  /** The activation: `hardSigmoid` (default, `relu6(x + 3) / 6`), `sigmoid`, or a user function. */
  activation?: Activation;
}

/** Approx settings with every field set. */
export interface ResolvedApprox {
  readonly approx: boolean;
  readonly alpha: number;
  readonly activation: Activation;
}

/** The defaults of DiffeRT2d: exact logic; when smoothing, the hard sigmoid with slope 100. */
export const DEFAULT_APPROX: ResolvedApprox = Object.freeze({ approx: false, alpha: 100, activation: 'hardSigmoid' as const });

let current: ResolvedApprox = DEFAULT_APPROX;

function validate(where: string, options: ApproxOptions): void {
  if (options.alpha !== undefined && !(Number.isFinite(options.alpha) && options.alpha > 0)) {
    throw new Error(`${where}: alpha must be a finite positive number, got ${options.alpha}`);
  }
  const activation = options.activation;
  if (activation !== undefined && activation !== 'hardSigmoid' && activation !== 'sigmoid' && typeof activation !== 'function') {
    throw new Error(`${where}: activation must be 'hardSigmoid', 'sigmoid' or a function, got ${String(activation)}`);
  }
}

/**
 * The settings in force for a call: its options over the current defaults.
 *
 * @example
 * ```ts
 * resolveApprox({ approx: true }).alpha; // 100
 * ```
 */
export function resolveApprox(options: ApproxOptions = {}, where = 'approx'): ResolvedApprox {
  if (options.approx === undefined && options.alpha === undefined && options.activation === undefined) return current;
  validate(where, options);
  return {
    approx: options.approx ?? current.approx,
    alpha: options.alpha ?? current.alpha,
    activation: options.activation ?? current.activation,
  };
}

/**
 * The current default settings.
 *
 * @example
 * ```ts
 * getApproxDefaults().approx; // false
 * ```
 */
export function getApproxDefaults(): ResolvedApprox {
  return current;
}

/**
 * Change the global defaults; returns the previous ones (to restore them).
 *
 * @example
 * ```ts
 * const previous = setApproxDefaults({ approx: true, alpha: 50 });
 * setApproxDefaults(previous);
 * ```
 */
export function setApproxDefaults(options: ApproxOptions): ResolvedApprox {
  validate('setApproxDefaults', options);
  const previous = current;
  current = { ...current, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as ResolvedApprox;
  return previous;
}

/**
 * Run `fn` with other default settings, then restore the previous ones (even
 * when `fn` throws).
 *
 * @example
 * ```ts
 * withApprox({ approx: true }, () => greater(1, 0).item()); // 0.5 + ... (smoothed)
 * ```
 */
export function withApprox<T>(options: ApproxOptions, fn: () => T): T {
  const previous = setApproxDefaults(options);
  try {
    return fn();
  } finally {
    current = previous;
  }
}
