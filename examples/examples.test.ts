/**
 * The examples end to end at reduced size (`size`): each runs, passes its
 * own checks and writes its files; `pnpm example optimize-steps --json`
 * prints the documented JSON, and the optimisation (always its full 100
 * steps) ends near DiffeRT2d's (0.399, 0.104).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES, findExample } from './index.js';
import { alphaAtStep, figure2Scene, optimizeTransmitter } from './optimize-steps.js';
import type { ExampleReport } from './shared/example.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'differt2d-examples-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Width and height of a PNG file, from its IHDR chunk (after checking the signature). */
function pngSize(bytes: Buffer): [number, number] {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Check the files an example wrote: where it says, not empty, PNGs and SVGs well formed. */
function expectFiles(report: ExampleReport, outDir: string, names: readonly string[]): void {
  expect(report.files.map((file) => basename(file))).toEqual(names);
  for (const file of report.files) {
    expect(file.startsWith(outDir)).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(200);
    const bytes = readFileSync(file);
    if (file.endsWith('.png')) {
      const [width, height] = pngSize(bytes);
      expect(width).toBeGreaterThan(300);
      expect(height).toBeGreaterThan(200);
    } else if (file.endsWith('.svg')) {
      const svg = bytes.toString('utf8');
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    }
  }
}

/** Run an example by name at a reduced size into its own folder; its checks must pass. */
async function runExample(name: string, size: number): Promise<{ report: ExampleReport; outDir: string }> {
  const example = findExample(name);
  expect(example, name).toBeDefined();
  const outDir = join(temp, name);
  const report = await example!.run({ outDir, size });
  for (const check of report.checks) expect(check.passed, `${check.name}: ${check.detail}`).toBe(true);
  expect(report.computeMs).toBeGreaterThan(0);
  return { report, outDir };
}

describe('the examples, end to end at reduced size', () => {
  it('lists five examples, each with a unique name', () => {
    expect(EXAMPLES.map((example) => example.name)).toEqual(['ris-power-map', 'optimize-steps', 'power-map', 'power-profiles', 'vertex-diffraction']);
  });

  it('ris-power-map: the RIS map, and the RIS point of every receiver it serves is (0.5, y - (0.5 - x))', async () => {
    const { report, outDir } = await runExample('ris-power-map', 40);
    expectFiles(report, outDir, ['ris-power-map.png', 'ris-power-map.svg']);
    const json = report.json as { grid: number[]; risReceivers: number; risPointMaxError: number };
    expect(json.grid).toEqual([40, 40]);
    expect(json.risReceivers).toBeGreaterThan(50);
    expect(json.risPointMaxError).toBeLessThan(1e-9);
    // The SVG embeds the 40 x 40 map and draws the RIS and the four walls.
    const svg = readFileSync(report.files[1]!, 'utf8');
    expect(svg.match(/<line class="wall"/g)).toHaveLength(4);
    expect(svg.match(/<line class="ris"/g)).toHaveLength(1);
  });

  it('optimize-steps: 4 panels, the TX ends near (0.399, 0.104)', async () => {
    const { report, outDir } = await runExample('optimize-steps', 24);
    expectFiles(report, outDir, ['optimize-steps.svg', 'optimize-steps-020.png', 'optimize-steps-040.png', 'optimize-steps-060.png', 'optimize-steps-080.png']);
    const svg = readFileSync(report.files[0]!, 'utf8');
    expect(svg.match(/<g class="panel"/g)).toHaveLength(4);
    expect(svg.match(/<polyline class="trajectory"/g)).toHaveLength(4);
    const { trajectory, loss } = report.json as { trajectory: number[][]; loss: number };
    expect(trajectory).toHaveLength(5);
    const [x, y] = trajectory[4]!;
    expect(Math.hypot(x! - 0.399, y! - 0.104)).toBeLessThan(2e-3);
    expect(loss).toBeLessThan(-0.3);
  });

  it('power-map: the basic scene, orders <= 2', async () => {
    const { report, outDir } = await runExample('power-map', 40);
    expectFiles(report, outDir, ['power-map.png', 'power-map.svg']);
    expect((report.json as { powerAtRx: number }).powerAtRx).toBeCloseTo(28.106760976353343, 9);
  });

  it('power-profiles: per order along y = 0.2147, as an SVG chart and a CSV', async () => {
    const { report, outDir } = await runExample('power-profiles', 101);
    expectFiles(report, outDir, ['power-profiles.svg', 'power-profiles.csv']);
    const csv = readFileSync(report.files[1]!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('x,power_order_0,power_order_1,power_order_2,power_total');
    expect(csv).toHaveLength(102);
    const svg = readFileSync(report.files[0]!, 'utf8');
    for (const series of [0, 1, 2, 3]) expect(svg).toContain(`data-series="${series}"`);
    expect(svg).toContain('line of sight (order 0)');
  });

  it('vertex-diffraction: the power through the vertex is 0.5 / (h^2 + L^2)', async () => {
    const { report, outDir } = await runExample('vertex-diffraction', 40);
    expectFiles(report, outDir, ['vertex-diffraction.png', 'vertex-diffraction.svg']);
    const svg = readFileSync(report.files[1]!, 'utf8');
    expect(svg).toContain('class="removed-wall"');
    expect(svg.match(/<path class="vertex"/g)).toHaveLength(1);
    expect(svg.match(/<line class="wall"/g)).toHaveLength(6); // the basic scene's 7 walls, one removed
  });
});

describe('figure 2 optimisation', () => {
  it('alpha goes from 1 to 100 geometrically over the 100 steps', () => {
    expect(alphaAtStep(0)).toBe(1);
    expect(alphaAtStep(99)).toBeCloseTo(100, 12);
    expect(alphaAtStep(49.5)).toBeCloseTo(10, 12);
  });

  it('takes 100 steps from (0.5, 0.7) to near (0.399, 0.104)', () => {
    const { trajectory, losses } = optimizeTransmitter(figure2Scene());
    expect(trajectory).toHaveLength(101);
    expect(losses).toHaveLength(100);
    expect(trajectory[0]).toEqual([0.5, 0.7]);
    const [x, y] = trajectory[100]!;
    expect(Math.abs(x - 0.399)).toBeLessThan(1.5e-3);
    expect(Math.abs(y - 0.104)).toBeLessThan(1.5e-3);
    // Behind the obstacle at first (no line of sight to the receivers), both in sight at the end.
    expect(-losses[0]!).toBeLessThan(0.02);
    expect(-losses[99]!).toBeGreaterThan(0.3);
  });
});

describe('pnpm example (examples/run.ts)', () => {
  /** Runs `examples/run.ts` as `pnpm example` does, in a child process. */
  function example(...args: string[]) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', join(root, 'examples/run.ts'), ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('optimize-steps --json prints exactly {"trajectory": [5 points], "loss": number} on stdout', () => {
    const outDir = join(temp, 'cli');
    const { code, stdout, stderr } = example('optimize-steps', '--json', '--size', '12', '--out-dir', outDir);
    expect(code, stderr).toBe(0);
    const output = JSON.parse(stdout) as { trajectory: [number, number][]; loss: number };
    expect(Object.keys(output)).toEqual(['trajectory', 'loss']);
    expect(output.trajectory).toHaveLength(5);
    for (const point of output.trajectory) {
      expect(point).toHaveLength(2);
      for (const value of point) expect(typeof value).toBe('number');
    }
    expect(typeof output.loss).toBe('number');
    const [x, y] = output.trajectory[4]!;
    expect(Math.hypot(x - 0.399, y - 0.104)).toBeLessThan(2e-3);
    // Everything for people went to stderr: where it wrote, its compute time.
    expect(stderr).toContain(`wrote ${join(outDir, 'optimize-steps.svg')}\n`);
    expect(stderr).toMatch(/compute time \d/);
  });

  it('an unknown example: the list of examples on stderr, exit code 2', () => {
    const { code, stdout, stderr } = example('nope');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown example "nope"');
    for (const known of EXAMPLES) expect(stderr).toContain(known.name);
  });
});
