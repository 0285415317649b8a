/**
 * Benchmarks of scale (issue 7), on the synthetic `city` scene (metres: a
 * near-square grid of blocks, one rectangular building of random size in
 * each, 4 walls per building, the transmitter at the central crossing):
 * - 500 buildings (2,000 walls), 100 x 100 RX map, order <= 1 and order
 *   <= 2: on one thread (`powerGrid`) and on two worker threads
 *   (`powerMapParallel`, in a child process that also reports its peak RSS,
 *   target <= 1 GiB); order <= 1 also with `prune: false` and with
 *   `spatialIndex: false`, for comparison;
 * - DiffeRT2d's random scene with 100 walls, 50 x 50 RX map, order <= 1:
 *   warm, and its first call in a fresh process;
 * - a scaling curve: time against the number of walls (about 10, 100,
 *   1,000, 5,000: cities of round(n / 4) buildings), 50 x 50 RX map, order
 *   <= 1, printed as a small table with the fitted exponent of t ~ n^k;
 * - loading a GeoJSON city of 800 buildings (3,200 walls, lon/lat).
 *
 * Run alone: `npx tsx --conditions=source bench/scale.ts`.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Wall } from '@differt2d/geometry';
import { cityScene, powerGrid, randomScene, sceneFromGeoJson, type PowerGridOptions, type Scene } from '../packages/scene/src/index.js';
import { formatMs, formatTable, median, printTable, row, timeRuns, type BenchReport, type BenchRow } from './harness.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** DiffeRT2d (REFERENCE.md), in ms: the random scene's map, later calls and first call. */
const REFERENCE = { random: 660, randomFirstCall: 17000 } as const;

/** Issue 7's targets: ms, and MiB of peak RSS. */
const TARGET = { cityOrder1: 2000, cityOrder2: 20000, random: 100, geoJsonLoad: 1000, memoryMiB: 1024 } as const;

/** The city of the main rows. */
const CITY_BUILDINGS = 500;

/** Wall counts of the scaling curve (cities of round(n / 4) buildings). */
const CURVE_WALLS = [10, 100, 1000, 5000] as const;

/** Buildings of the GeoJSON city (4 walls each). */
const GEOJSON_BUILDINGS = 800;

/**
 * A child's script (run through tsx from the sources): the random scene's
 * map on its first call in this fresh process; then the city's maps on two
 * worker threads, one untimed call and five timed ones each, order <= 1
 * then order <= 2; and the process's peak RSS.
 */
const CHILD_SCRIPT = `
import { Wall } from '@differt2d/geometry';
import { cityScene, powerGrid, randomScene } from ${JSON.stringify(pathToFileURL(join(ROOT, 'packages/scene/src/index.ts')).href)};
import { closePowerMapWorkers, powerMapParallel } from ${JSON.stringify(pathToFileURL(join(ROOT, 'packages/scene/src/node/index.ts')).href)};
const randomStart = performance.now();
powerGrid(randomScene({ seed: 0, walls: 100 }), { over: 'rx', nx: 50, maxOrder: 1 });
const randomFirstMs = performance.now() - randomStart;
const scene = cityScene({ buildings: ${CITY_BUILDINGS} });
const times = {};
const sums = {};
for (const maxOrder of [1, 2]) {
  times[maxOrder] = [];
  // 5 warm-up maps (as the one-thread rows: the first call, then 4), then 5 timed.
  for (let run = 0; run < 10; run++) {
    const start = performance.now();
    const map = await powerMapParallel(scene, { over: 'rx', nx: 100, maxOrder, workers: 2 });
    if (run >= 5) times[maxOrder].push(performance.now() - start);
    let sum = 0;
    for (const p of map.power) sum += p;
    sums[maxOrder] = sum;
  }
}
await closePowerMapWorkers();
console.log(JSON.stringify({ randomFirstMs, times, sums, maxRssKiB: process.resourceUsage().maxRSS }));
`;

/** What the child reports. */
interface ChildReport {
  randomFirstMs: number;
  times: Record<'1' | '2', number[]>;
  sums: Record<'1' | '2', number>;
  maxRssKiB: number;
}

/** Run the child script with node and tsx (the sources, as the tests do). */
function runChild(): ChildReport {
  const dir = mkdtempSync(join(tmpdir(), 'differt2d-bench-scale-'));
  try {
    const script = join(dir, 'scale-child.mts');
    writeFileSync(script, CHILD_SCRIPT);
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    if (child.status !== 0) throw new Error(`bench: the scale child process failed: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as ChildReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sum of a map's power, to check that variants compute the same map. */
function powerSum(scene: Scene, options: PowerGridOptions): number {
  let sum = 0;
  for (const p of powerGrid(scene, options).power) sum += p;
  return sum;
}

/** Time a map: its first call (ms) in this process, then the median of `runs` calls. */
function timeMap(scene: Scene, options: PowerGridOptions, runs: number): { firstMs: number; medianMs: number } {
  const start = performance.now();
  powerGrid(scene, options);
  const firstMs = performance.now() - start;
  return { firstMs, medianMs: median(timeRuns(() => powerGrid(scene, options), { runs, warmup: 4 })) };
}

/**
 * The slope `k` of the least-squares line through `(log n, log t)`: the
 * exponent of `t ~ n^k`.
 *
 * @example
 * ```ts
 * fittedExponent([10, 100], [1, 100]); // 2
 * ```
 */
export function fittedExponent(counts: readonly number[], times: readonly number[]): number {
  const n = counts.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += Math.log(counts[i]!) / n;
    meanY += Math.log(times[i]!) / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = Math.log(counts[i]!) - meanX;
    sxy += dx * (Math.log(times[i]!) - meanY);
    sxx += dx * dx;
  }
  return sxy / sxx;
}

/**
 * A GeoJSON FeatureCollection of a city's buildings: one Polygon per
 * building (its 4 walls' corners, closed), positions `[lon, lat]` about
 * (4.625 E, 50.668 N), the inverse of the reader's local projection.
 *
 * @example
 * ```ts
 * cityGeoJson(cityScene({ buildings: 2 })).features.length; // 2
 * ```
 */
export function cityGeoJson(scene: Scene): { type: 'FeatureCollection'; features: object[] } {
  const lon0 = 4.625;
  const lat0 = 50.668;
  const radius = 6371008.8;
  const degrees = 180 / Math.PI;
  const lonPerMetre = degrees / (radius * Math.cos(lat0 / degrees));
  const latPerMetre = degrees / radius;
  const features: object[] = [];
  for (let b = 0; b + 3 < scene.objects.length; b += 4) {
    const ring: [number, number][] = [];
    for (let w = 0; w < 4; w++) {
      const wall = scene.objects[b + w];
      if (!(wall instanceof Wall)) throw new Error(`cityGeoJson: objects[${b + w}] is not a wall`);
      const start = wall.xys.data;
      ring.push([lon0 + start[0]! * lonPerMetre, lat0 + start[1]! * latPerMetre]);
    }
    ring.push(ring[0]!);
    features.push({ type: 'Feature', properties: { building: b / 4 }, geometry: { type: 'Polygon', coordinates: [ring] } });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Run the scale benchmarks: the rows of the main table, and the scaling
 * curve's small table (printed after it).
 *
 * @example
 * ```ts
 * const { rows, after } = benchScale();
 * printTable(rows);
 * console.log(after.join('\n'));
 * ```
 */
export function benchScale(): BenchReport {
  const rows: BenchRow[] = [];
  const log = (text: string): void => void console.error(`  scale: ${text}`);

  const buildStart = performance.now();
  const city = cityScene({ buildings: CITY_BUILDINGS });
  const buildMs = performance.now() - buildStart;
  const cityName = `city ${CITY_BUILDINGS} buildings (${city.objects.length} walls), 100x100 RX map`;

  log('child process: first call of the random map, city maps on 2 worker threads, peak RSS');
  const child = runChild();

  log('city, order <= 1');
  const order1 = { over: 'rx', nx: 100, maxOrder: 1 } as const;
  const city1 = timeMap(city, order1, 5);
  const sum1 = powerSum(city, order1);
  rows.push(
    row(`scale: ${cityName}, order <= 1 (powerGrid, 1 thread)`, city1.medianMs, {
      target: TARGET.cityOrder1,
      note: `first call ${city1.firstMs.toFixed(0)} ms; building the scene ${buildMs.toFixed(0)} ms; no DiffeRT2d figure`,
    }),
  );
  const parallel1 = median(child.times[1]);
  rows.push(
    row(`scale: same, order <= 1, powerMapParallel on 2 worker threads`, parallel1, {
      target: TARGET.cityOrder1,
      note: `${(city1.medianMs / parallel1).toFixed(2)}x one thread; ${relativeCheck(child.sums[1], sum1)}`,
    }),
  );
  for (const [label, option] of [
    ['prune: false', { prune: false }],
    ['spatialIndex: false', { spatialIndex: false }],
  ] as const) {
    log(`city, order <= 1, ${label}`);
    const options = { ...order1, ...option };
    const variant = timeMap(city, options, 5);
    rows.push(
      row(`scale: same, order <= 1, ${label} (powerGrid, 1 thread)`, variant.medianMs, {
        note: `${(variant.medianMs / city1.medianMs).toFixed(2)}x the default's time; ${relativeCheck(powerSum(city, options), sum1)}`,
      }),
    );
  }

  log('city, order <= 2');
  const order2 = { over: 'rx', nx: 100, maxOrder: 2 } as const;
  const city2 = timeMap(city, order2, 5);
  rows.push(
    row(`scale: ${cityName}, order <= 2 (powerGrid, 1 thread)`, city2.medianMs, {
      target: TARGET.cityOrder2,
      note: `first call ${city2.firstMs.toFixed(0)} ms; ${city.objects.length ** 2 + 1} candidates per TX before pruning`,
    }),
  );
  const parallel2 = median(child.times[2]);
  rows.push(
    row(`scale: same, order <= 2, powerMapParallel on 2 worker threads`, parallel2, {
      target: TARGET.cityOrder2,
      note: `${(city2.medianMs / parallel2).toFixed(2)}x one thread; ${relativeCheck(child.sums[2], powerSum(city, order2))}`,
    }),
  );
  const peakMiB = child.maxRssKiB / 1024;
  rows.push({
    workload: `scale: peak RSS <= 1 GiB, whole process: random map, then the city maps of order <= 1 and <= 2 on 2 worker threads (time: order <= 2)`,
    median_ms: parallel2,
    reference_ms: null,
    target_ms: null,
    met: peakMiB <= TARGET.memoryMiB,
    note: `peak RSS ${peakMiB.toFixed(0)} MiB (target <= ${TARGET.memoryMiB} MiB), node + tsx loader from the sources`,
  });

  log('random scene, 100 walls');
  const random = randomScene({ seed: 0, walls: 100 });
  const randomOptions = { over: 'rx', nx: 50, maxOrder: 1 } as const;
  const randomMs = median(timeRuns(() => powerGrid(random, randomOptions), { runs: 21, warmup: 5 }));
  rows.push(
    row('scale: random scene (seed 0), 100 walls, 50x50 RX map, order <= 1, warm (powerGrid, 1 thread)', randomMs, {
      reference: REFERENCE.random,
      target: TARGET.random,
      note: `DiffeRT2d uses 2 cores`,
    }),
  );
  rows.push(
    row('scale: same random map, first call in a fresh process (imports done)', child.randomFirstMs, {
      reference: REFERENCE.randomFirstCall,
      note: 'one run (child process); DiffeRT2d: 17 s to compile',
    }),
  );

  const curve: { walls: number; buildings: number; ms: number }[] = [];
  for (const n of CURVE_WALLS) {
    const buildings = Math.max(1, Math.round(n / 4));
    log(`curve, ${4 * buildings} walls`);
    const scene = cityScene({ buildings });
    const ms = timeMap(scene, { over: 'rx', nx: 50, maxOrder: 1 }, 5).medianMs;
    curve.push({ walls: scene.objects.length, buildings, ms });
  }
  const exponent = fittedExponent(
    curve.map((point) => point.walls),
    curve.map((point) => point.ms),
  );
  for (const point of curve) {
    rows.push(
      row(`scale: curve, city ${point.walls} walls (${point.buildings} buildings), 50x50 RX map, order <= 1 (powerGrid, 1 thread)`, point.ms, {
        note: `fitted t ~ n^${exponent.toFixed(2)} over the curve`,
      }),
    );
  }

  log('GeoJSON load');
  const dir = mkdtempSync(join(tmpdir(), 'differt2d-bench-geojson-'));
  try {
    const file = join(dir, 'city.geojson');
    writeFileSync(file, JSON.stringify(cityGeoJson(cityScene({ buildings: GEOJSON_BUILDINGS, seed: 1 }))));
    let walls = 0;
    const loadMs = median(
      timeRuns(
        () => {
          walls = sceneFromGeoJson(readFileSync(file, 'utf8')).objects.length;
        },
        { runs: 5, warmup: 1 },
      ),
    );
    if (walls !== 4 * GEOJSON_BUILDINGS) throw new Error(`bench: the GeoJSON city has ${walls} walls, expected ${4 * GEOJSON_BUILDINGS}`);
    rows.push(
      row(`scale: load a GeoJSON city, ${GEOJSON_BUILDINGS} polygons (${walls} walls, lon/lat), read + parse + project`, loadMs, {
        target: TARGET.geoJsonLoad,
        note: `${(statSync(file).size / 1024).toFixed(0)} KiB file; readFileSync + sceneFromGeoJson (as readSceneFile)`,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const after = [
    '',
    'scaling curve: city scenes, 50x50 RX map, order <= 1, powerGrid on 1 thread (median of 5)',
    ...formatTable(
      ['walls', 'buildings', 'median ms', 'us per wall'],
      curve.map((point) => [String(point.walls), String(point.buildings), formatMs(point.ms), ((1000 * point.ms) / point.walls).toFixed(1)]),
    ),
    `fitted exponent (least squares on log t vs log n): t ~ n^${exponent.toFixed(2)}`,
  ];
  return { rows, after };
}

/** Whether a variant's power sum matches the default's (to 1e-9, relative), for the notes. */
function relativeCheck(actual: number, expected: number): string {
  return Math.abs(actual - expected) <= 1e-9 * Math.abs(expected) ? 'power sum matches' : `power sum DIFFERS: ${actual} vs ${expected}`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { rows, after } = benchScale();
  printTable(rows);
  for (const line of after) console.log(line);
}
