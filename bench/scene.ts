/**
 * Benchmarks of scene maps (issue 5), side by side with DiffeRT2d's measured
 * figures (REFERENCE.md, JAX float32 on both cores of this machine):
 * - the basic scene's 300 x 300 RX map, image method, order <= 1, summed
 *   power: warm (`powerGrid`, one thread; and `powerMapParallel` on two
 *   worker threads, kept warm in a child process), and whole process from
 *   node start (a child process running a bundled three-line script);
 * - the basic scene's 100 x 100 RX map, order <= 2, warm;
 * - the basic scene's 100 x 100 TX map, value and gradient, approx,
 *   order <= 1, warm, with a count of NaN values;
 * - the peak memory of a 2000 x 2000 map on worker threads (child process).
 *
 * Child processes run scripts bundled with esbuild (the workspace packages
 * from their sources), as an installed package would run its built files.
 *
 * Run alone: `npx tsx --conditions=source bench/scene.ts`.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { basicScene, powerGrid } from '../packages/scene/src/index.js';
import { median, medianTime, printTable, row, type BenchRow } from './harness.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** DiffeRT2d (REFERENCE.md), later calls / first call, in ms. */
const REFERENCE = {
  rx300Order1: 34,
  rx300Order1FromStart: 1600 + 1300,
  rx100Order2: 157,
  tx100Gradient: 237,
} as const;

/** This project's targets (ms): half of DiffeRT2d's warm time; a tenth of its start. */
const TARGET = {
  rx300Order1: 17,
  rx300Order1FromStart: 300,
  rx100Order2: 80,
  tx100Gradient: 120,
  memoryMiB: 1024,
} as const;

/** A child's script: the 300 x 300 map, printed summed (what a CLI run does). */
const FROM_START_SCRIPT = `
import { basicScene, powerGrid } from '@differt2d/scene';
const map = powerGrid(basicScene(), { over: 'rx', nx: 300, maxOrder: 1 });
let total = 0;
for (const p of map.power) total += p;
console.log(JSON.stringify({ total }));
`;

/** A child's script: powerMapParallel warm on two threads, and a 2000 x 2000 map's peak memory. */
const PARALLEL_SCRIPT = `
import { basicScene, powerGrid } from '@differt2d/scene';
import { closePowerMapWorkers, powerMapParallel } from '@differt2d/scene/node';
const scene = basicScene();
const options = { over: 'rx', nx: 300, maxOrder: 1, workers: 2 };
const reference = powerGrid(scene, options);
const times = [];
for (let run = 0; run < 45; run++) {
  const start = performance.now();
  const map = await powerMapParallel(scene, options);
  if (run >= 20) times.push(performance.now() - start); // after 20 warm-up maps, as the one-thread row
  if (!map.power.every((p, i) => Object.is(p, reference.power[i]))) throw new Error('the maps differ');
}
const big = process.argv[2] === 'big';
let bigMs = null;
if (big) {
  const start = performance.now();
  const map = await powerMapParallel(scene, { over: 'rx', nx: 2000, maxOrder: 1, workers: 2 });
  bigMs = performance.now() - start;
  if (map.power.length !== 4e6) throw new Error('wrong size');
}
await closePowerMapWorkers();
console.log(JSON.stringify({ times: times.slice(5), bigMs, maxRssKiB: process.resourceUsage().maxRSS }));
`;

/** Bundle scripts (ESM, node) into a temporary folder; the worker entry next to them. */
function bundle(scripts: Record<string, string>): { dir: string; files: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'differt2d-bench-'));
  const entryPoints: Record<string, string> = {
    powerMapWorker: join(ROOT, 'packages/scene/src/node/powerMapWorker.ts'),
  };
  for (const [name, text] of Object.entries(scripts)) {
    const source = join(dir, `${name}.source.ts`);
    writeFileSync(source, text);
    entryPoints[name] = source;
  }
  buildSync({
    entryPoints,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: dir,
    outExtension: { '.js': '.js' },
    conditions: ['source'],
    nodePaths: [join(ROOT, 'node_modules')],
    alias: {
      '@differt2d/scene/node': join(ROOT, 'packages/scene/src/node/index.ts'),
      '@differt2d/scene': join(ROOT, 'packages/scene/src/index.ts'),
    },
    logLevel: 'silent',
  });
  const files: Record<string, string> = {};
  for (const name of Object.keys(scripts)) files[name] = join(dir, `${name}.js`);
  return { dir, files };
}

/** Run `node file args`, return its stdout (throws with its stderr on failure). */
function runNode(file: string, args: string[] = []): string {
  const child = spawnSync(process.execPath, [file, ...args], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench: ${file} failed: ${child.stderr}`);
  return child.stdout;
}

/**
 * Run the scene benchmarks; one row per workload.
 *
 * @example
 * ```ts
 * printTable(benchScene());
 * ```
 */
export function benchScene(): BenchRow[] {
  const rows: BenchRow[] = [];
  const scene = basicScene();

  const rx300 = { over: 'rx', nx: 300, maxOrder: 1 } as const;
  // V8 reaches the kernel's steady state after ~15 calls (optimisation,
  // then a deoptimisation or two as new paths show up): "warm" is after 20.
  const rx300Ms = medianTime(() => powerGrid(scene, rx300), { runs: 21, warmup: 20 });
  rows.push(
    row('scene: basic 300x300 RX map, image, order <= 1, summed power, warm (powerGrid, 1 thread)', rx300Ms, {
      reference: REFERENCE.rx300Order1,
      target: TARGET.rx300Order1,
      note: `${((300 * 300 * 8) / rx300Ms / 1000).toFixed(1)} M paths/s; fused kernel; after 20 warm-up calls; DiffeRT2d uses 2 cores`,
    }),
  );

  const { dir, files } = bundle({ fromStart: FROM_START_SCRIPT, parallel: PARALLEL_SCRIPT });
  try {
    const parallel = JSON.parse(runNode(files.parallel!, ['big'])) as { times: number[]; bigMs: number; maxRssKiB: number };
    rows.push(
      row('scene: same map, warm, powerMapParallel on 2 worker threads (pool kept warm)', median(parallel.times), {
        reference: REFERENCE.rx300Order1,
        target: TARGET.rx300Order1,
        note: `bit-identical to powerGrid; after 20 warm-up maps; ${(rx300Ms / median(parallel.times)).toFixed(2)}x one thread`,
      }),
    );
    const startTimes: number[] = [];
    let total = 0;
    for (let run = 0; run < 7; run++) {
      const start = performance.now();
      total = (JSON.parse(runNode(files.fromStart!)) as { total: number }).total;
      startTimes.push(performance.now() - start);
    }
    rows.push(
      row('scene: same map, whole process from node start (bundled script, powerGrid)', median(startTimes), {
        reference: REFERENCE.rx300Order1FromStart,
        target: TARGET.rx300Order1FromStart,
        note: `DiffeRT2d: 1.6 s compile + 1.3 s import; sum of the map ${total.toFixed(3)}`,
      }),
    );
    const peakMiB = parallel.maxRssKiB / 1024;
    rows.push({
      workload: 'scene: 2000x2000 RX map, order <= 1, powerMapParallel 2 threads: time and peak RSS (whole process)',
      median_ms: parallel.bigMs,
      reference_ms: null,
      target_ms: null,
      met: peakMiB <= TARGET.memoryMiB,
      note: `peak RSS ${peakMiB.toFixed(0)} MiB (target <= ${TARGET.memoryMiB} MiB): 32 MB of result + ~400 KB per chunk (16384 points)`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const rx100 = { over: 'rx', nx: 100, maxOrder: 2 } as const;
  const rx100Ms = medianTime(() => powerGrid(scene, rx100), { runs: 21, warmup: 5 });
  rows.push(
    row('scene: basic 100x100 RX map, image, order <= 2, warm (powerGrid, 1 thread)', rx100Ms, {
      reference: REFERENCE.rx100Order2,
      target: TARGET.rx100Order2,
      note: `${((100 * 100 * 50) / rx100Ms / 1000).toFixed(1)} M paths/s`,
    }),
  );

  const tx100 = { over: 'tx', nx: 100, maxOrder: 1, approx: true, gradient: true } as const;
  const tx100Ms = medianTime(() => powerGrid(scene, tx100), { runs: 11, warmup: 3 });
  const map = powerGrid(scene, tx100);
  const nanCount = map.power.filter(Number.isNaN).length + map.gradient!.filter(Number.isNaN).length;
  rows.push(
    row('scene: basic 100x100 TX map, value + gradient, approx, order <= 1, warm (powerGrid, 1 thread)', tx100Ms, {
      reference: REFERENCE.tx100Gradient,
      target: TARGET.tx100Gradient,
      note: `${nanCount} NaN of ${map.power.length + map.gradient!.length} values (DiffeRT2d: NaN on the outer walls); autodiff, chunks of 40 rows`,
    }),
  );
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(benchScene());
}
