/**
 * Benchmarks of the paper's figures (issue 6), side by side with
 * DiffeRT2d's measured figures (REFERENCE.md, JAX float32, both cores):
 * - figure 1, the RIS coverage map: 300 x 300 receivers, order 1, min-path
 *   tracing (our LM solver, to convergence; DiffeRT2d: Adam, 1000 steps):
 *   warm on one thread (`powerGrid`), its first call, and warm on two
 *   worker threads (`powerMapParallel`, in a child process);
 * - figure 2, the transmitter optimisation: its 100 Adam steps through the
 *   smoothed validity, without plots; and, for information, the objective
 *   over four 600 x 600 TX grids (the panels' numbers, not drawn).
 *
 * Run alone: `npx tsx --conditions=source bench/examples.ts`.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { powerGrid } from '../packages/scene/src/index.js';
import { alphaAtStep, figure2Scene, FIGURE2_SNAPSHOTS, objectiveGrid, optimizeTransmitter } from '../examples/optimize-steps.js';
import { figure1Scene, FIGURE1_TRACE } from '../examples/ris-power-map.js';
import { median, printTable, row, timeRuns, type BenchRow } from './harness.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** DiffeRT2d (REFERENCE.md), in ms: figure 1 later calls (first call 6.7 s); figure 2 in all. */
const REFERENCE = { figure1: 4400, figure2: 7500 } as const;

/** This project's targets (ms). */
const TARGET = { figure1: 500, figure2: 100 } as const;

/** The grid of figure 1. */
const FIGURE1_GRID = { over: 'rx', nx: 300, ny: 300, ...FIGURE1_TRACE } as const;

/** A child's script: figure 1 on two worker threads, warm; prints the times of the warm runs. */
const PARALLEL_SCRIPT = `
import { powerGrid } from ${JSON.stringify(pathToFileURL(join(ROOT, 'packages/scene/src/index.ts')).href)};
import { closePowerMapWorkers, powerMapParallel } from ${JSON.stringify(pathToFileURL(join(ROOT, 'packages/scene/src/node/index.ts')).href)};
import { figure1Scene, FIGURE1_TRACE } from ${JSON.stringify(pathToFileURL(join(ROOT, 'examples/ris-power-map.ts')).href)};
const scene = figure1Scene();
const options = { over: 'rx', nx: 300, ny: 300, ...FIGURE1_TRACE, workers: 2 };
const reference = powerGrid(scene, options);
const times = [];
for (let run = 0; run < 9; run++) {
  const start = performance.now();
  const map = await powerMapParallel(scene, options);
  times.push(performance.now() - start);
  if (!map.power.every((p, i) => Object.is(p, reference.power[i]))) throw new Error('the maps differ');
}
await closePowerMapWorkers();
console.log(JSON.stringify({ times: times.slice(2) }));
`;

/** Figure 1 on two worker threads in a child process (from the sources, through tsx): warm times (ms). */
function figure1ParallelTimes(): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'differt2d-bench-examples-'));
  try {
    const script = join(dir, 'figure1-parallel.mts');
    writeFileSync(script, PARALLEL_SCRIPT);
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    if (child.status !== 0) throw new Error(`bench: figure 1 on worker threads failed: ${child.stderr}`);
    return (JSON.parse(child.stdout.trim().split('\n').pop()!) as { times: number[] }).times;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Run the examples' benchmarks; one row per workload (medians).
 *
 * @example
 * ```ts
 * printTable(benchExamples());
 * ```
 */
export function benchExamples(): BenchRow[] {
  const rows: BenchRow[] = [];

  const scene1 = figure1Scene();
  const firstStart = performance.now();
  powerGrid(scene1, FIGURE1_GRID);
  const firstMs = performance.now() - firstStart;
  const figure1Ms = median(timeRuns(() => powerGrid(scene1, FIGURE1_GRID), { runs: 7, warmup: 1 }));
  rows.push(
    row('examples: figure 1, RIS map 300x300, order 1, MPT (LM), warm (powerGrid, 1 thread)', figure1Ms, {
      reference: REFERENCE.figure1,
      target: TARGET.figure1,
      note: `first call ${firstMs.toFixed(0)} ms (DiffeRT2d 6.7 s); ${((300 * 300 * 5) / figure1Ms / 1000).toFixed(2)} M paths/s; DiffeRT2d: Adam 1000 steps on 2 cores`,
    }),
  );
  const parallel = figure1ParallelTimes();
  rows.push(
    row('examples: figure 1, same map, warm, powerMapParallel on 2 worker threads', median(parallel), {
      reference: REFERENCE.figure1,
      target: TARGET.figure1,
      note: `bit-identical to powerGrid; ${(figure1Ms / median(parallel)).toFixed(2)}x one thread`,
    }),
  );

  const scene2 = figure2Scene();
  const cold = performance.now();
  const { trajectory } = optimizeTransmitter(scene2);
  const coldMs = performance.now() - cold;
  const figure2Ms = median(timeRuns(() => optimizeTransmitter(scene2), { runs: 15, warmup: 2 }));
  const [x, y] = trajectory[100]!;
  rows.push(
    row('examples: figure 2, 100 optimisation steps (valueAndGrad + Adam), no plots', figure2Ms, {
      reference: REFERENCE.figure2,
      target: TARGET.figure2,
      note: `first run ${coldMs.toFixed(0)} ms; TX ends at (${x.toFixed(4)}, ${y.toFixed(4)}) (DiffeRT2d float64: (0.399, 0.104))`,
    }),
  );
  const panelsMs = median(timeRuns(() => FIGURE2_SNAPSHOTS.map((step) => objectiveGrid(scene2, 600, alphaAtStep(step))), { runs: 3, warmup: 1 }));
  rows.push(
    row("examples: figure 2's 4 panels, objective over 600x600 TX positions each (2 receivers, approx), 1 thread", panelsMs, {
      note: `${((4 * 2 * 600 * 600) / panelsMs / 1000).toFixed(2)} M paths/s; DiffeRT2d's 7.5 s covers steps only`,
    }),
  );
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printTable(benchExamples());
}
