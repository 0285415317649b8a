/**
 * `pnpm bench`: every benchmark, one table (workload, median, the
 * reference's figure, the ratio, the target, met, a note), then any small
 * extra tables (the scaling curve); writes `bench/results.json`, an array of
 * `{ workload, median_ms, reference_ms, target_ms, met }`. `pnpm bench scale`
 * runs only the groups whose name contains one of the words given.
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
import { benchScale } from './scale.js';
import { printTable, resultOf, type BenchReport, type BenchRow } from './harness.js';

const groups: Record<string, () => BenchRow[] | BenchReport> = {
  autodiff: () => benchAutodiff(),
  geometry: () => benchGeometry(),
  'tracer-image': () => benchTracerImage(),
  'tracer-optimized': () => benchTracerOptimized(),
  scene: () => benchScene(),
  examples: () => benchExamples(),
  scale: () => benchScale(),
};

const filter = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = filter.filter((f) => !Object.keys(groups).some((name) => name.includes(f)));
if (unknown.length > 0) {
  console.error(`bench: no group matches ${unknown.map((f) => JSON.stringify(f)).join(', ')} (groups: ${Object.keys(groups).join(', ')})`);
  process.exit(2);
}
const rows: BenchRow[] = [];
const after: string[] = [];
for (const [name, run] of Object.entries(groups)) {
  if (filter.length > 0 && !filter.some((f) => name.includes(f))) continue;
  console.error(`running ${name} ...`);
  const result = run();
  if (Array.isArray(result)) {
    rows.push(...result);
  } else {
    rows.push(...result.rows);
    after.push(...result.after);
  }
}
printTable(rows);
for (const line of after) console.log(line);
const out = join(dirname(fileURLToPath(import.meta.url)), 'results.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(rows.map(resultOf), null, 2) + '\n');
console.error(`wrote ${out}`);
