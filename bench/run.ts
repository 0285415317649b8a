/**
 * `pnpm bench`: every benchmark, one table. `pnpm bench autodiff` runs only
 * the workloads whose group name matches.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAutodiff } from './autodiff.js';
import { benchGeometry } from './geometry.js';
import { benchTracerImage } from './tracer-image.js';
import { benchTracerOptimized } from './tracer-optimized.js';
import { benchScene } from './scene.js';
import { benchExamples } from './examples.js';
import { printTable, type BenchRow } from './harness.js';

const groups: Record<string, () => BenchRow[]> = {
  autodiff: () => benchAutodiff(),
  geometry: () => benchGeometry(),
  'tracer-image': () => benchTracerImage(),
  'tracer-optimized': () => benchTracerOptimized(),
  scene: () => benchScene(),
  examples: () => benchExamples(),
};

const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const rows: BenchRow[] = [];
for (const [name, run] of Object.entries(groups)) {
  if (filter.length > 0 && !filter.some((f) => name.includes(f))) continue;
  console.error(`running ${name} ...`);
  rows.push(...run());
}
printTable(rows);
const out = join(dirname(fileURLToPath(import.meta.url)), 'results.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(rows, null, 2) + '\n');
console.error(`wrote ${out}`);
