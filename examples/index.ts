/**
 * The examples, by name: each reproduces a figure of the paper or of
 * DiffeRT2d's gallery, writes its pictures and reports its key numbers.
 *
 * @module
 */
import type { Example } from './shared/example.js';
import { OPTIMIZE_STEPS } from './optimize-steps.js';
import { POWER_MAP } from './power-map.js';
import { POWER_PROFILES } from './power-profiles.js';
import { RIS_POWER_MAP } from './ris-power-map.js';
import { VERTEX_DIFFRACTION } from './vertex-diffraction.js';

/** Every example, in the order `pnpm example` lists them. */
export const EXAMPLES: readonly Example[] = [RIS_POWER_MAP, OPTIMIZE_STEPS, POWER_MAP, POWER_PROFILES, VERTEX_DIFFRACTION];

/**
 * The example of a name, or `undefined`.
 *
 * @example
 * ```ts
 * findExample('ris-power-map')?.summary; // "the paper's figure 1: ..."
 * ```
 */
export function findExample(name: string): Example | undefined {
  return EXAMPLES.find((example) => example.name === name);
}
