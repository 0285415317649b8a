/**
 * The `differt2d` command line, in-process through `main(args, io)`:
 * parity with DiffeRT2d's basic scene (fixtures/reference-basic-scene.json,
 * a copy of the shared reference), exit codes and one-line errors, help,
 * output formats.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/cli.js';
import type { PathsJson } from '../src/cli/pathsCommand.js';
import type { PowerJson } from '../src/cli/powerCommand.js';
import type { MapJson } from '../src/cli/mapCommand.js';

interface Reference {
  basic_valid_paths_max_order_2: { candidate: number[]; points: number[][] }[];
  basic_power_sum_over_valid_paths: { rx: [number, number]; max_order: number; power: number }[];
  basic_tx_gradient_examples: { tx: [number, number]; approx: boolean; max_order: number; power: number; grad: [number, number] }[];
}

const reference = JSON.parse(readFileSync(new URL('fixtures/reference-basic-scene.json', import.meta.url), 'utf8')) as Reference;
const fixturePath = (name: string): string => new URL(`fixtures/${name}`, import.meta.url).pathname;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process, capturing its output. */
async function run(args: string[], extra: Partial<CliIo> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false, ...extra };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Runs a command that must succeed and print JSON. */
async function runJson<T>(args: string[]): Promise<T> {
  const result = await run(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

const closeRelative = (actual: number, expected: number, tolerance: number): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(Math.abs(expected), 1e-300) + (expected === 0 ? 1e-12 : 0));
};

const temp = mkdtempSync(join(tmpdir(), 'differt2d-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('differt2d paths: parity with DiffeRT2d (basic scene)', () => {
  it('prints the 12 valid paths up to order 2, points within 1e-9', async () => {
    const output = await runJson<PathsJson>(['paths', '--max-order', '2', '--json']);
    const expected = reference.basic_valid_paths_max_order_2;
    expect(output.paths).toHaveLength(expected.length);
    const key = (candidate: readonly number[]): string => candidate.join(',');
    const byCandidate = new Map(output.paths.map((path) => [key(path.candidate), path]));
    for (const want of expected) {
      const path = byCandidate.get(key(want.candidate));
      expect(path, `candidate [${want.candidate.join(', ')}]`).toBeDefined();
      expect(path!.tx).toBe('tx');
      expect(path!.rx).toBe('rx');
      expect(path!.points).toHaveLength(want.points.length);
      path!.points.forEach((point, i) => {
        expect(Math.abs(point[0]! - want.points[i]![0]!)).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(point[1]! - want.points[i]![1]!)).toBeLessThanOrEqual(1e-9);
      });
      expect(path!.loss).toBeLessThan(1e-2);
      expect(path!.power).toBeGreaterThan(0);
      expect(Object.keys(path!).sort()).toEqual(['candidate', 'loss', 'points', 'power', 'rx', 'tx']);
    }
  });

  it('prints the same paths with --no-prune --no-spatial-index (brute force)', async () => {
    const args = ['paths', '--scene', 'square-with-obstacle', '--max-order', '3', '--json'];
    const fast = await runJson<PathsJson>(args);
    const brute = await runJson<PathsJson>([...args, '--no-prune', '--no-spatial-index']);
    expect(fast.paths.length).toBeGreaterThan(0);
    expect(fast).toEqual(brute);
  });

  it('sums to the reference power (same paths, same powers)', async () => {
    const output = await runJson<PathsJson>(['paths', '--min-order', '0', '--max-order', '2', '--json']);
    const total = output.paths.reduce((sum, path) => sum + path.power, 0);
    closeRelative(total, 28.106760976353343, 1e-9);
  });

  it('prints a table: candidate, interaction points, loss, power, dB, and the total', async () => {
    const { code, stdout, stderr } = await run(['paths', '--order', '1']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('4 valid paths from tx to rx (order 1, image method)');
    expect(lines[2]).toMatch(/^candidate\s+interaction points\s+loss\s+power\s+dB$/);
    expect(stdout).toMatch(/^\[0\]\s+\(0\.1642, 0\.0000\)\s+\d\.\d+e-\d+\s+3\.33689\s+-14\.77$/m);
    expect(lines.at(-1)).toMatch(/^total power: \d+(\.\d+)? \(-\d+\.\d\d dB\)$/);
    // aligned: the last column is right-aligned, so every row is as long as the header
    const table = lines.slice(2, 7);
    expect(table.every((line) => line.length === lines[2]!.length)).toBe(true);
  });

  it('shows LOS and dB relative to P0 = 100', async () => {
    const { stdout } = await run(['paths', '--order', '0']);
    // 15.634749732215791 / 100 -> -8.06 dB
    expect(stdout).toMatch(/LOS\s+-\s+0\s+15\.6347\s+-8\.06/);
  });

  it('says so when no path is valid', async () => {
    const { code, stdout } = await run(['paths', '--rx', '0.05,0.9', '--order', '0']);
    expect(code).toBe(0);
    expect(stdout).toBe('no valid path from tx to rx (order 0, image method)\n');
  });
});

describe('differt2d power: parity with DiffeRT2d (basic scene)', () => {
  for (const { rx, max_order: maxOrder, power } of reference.basic_power_sum_over_valid_paths) {
    it(`rx (${rx.join(', ')}), max order ${maxOrder}: ${power}`, async () => {
      const output = await runJson<PowerJson>(['power', '--rx', rx.join(','), '--max-order', String(maxOrder), '--json']);
      expect(output.pairs).toHaveLength(1);
      expect(output.pairs[0]!.tx).toBe('tx');
      expect(output.pairs[0]!.rx).toBe('rx');
      expect(output.pairs[0]!.gradTx).toBeUndefined();
      closeRelative(output.pairs[0]!.power, power, 1e-9);
      closeRelative(output.total, power, 1e-9);
    });
  }

  it('gives the approx gradient example w.r.t. the TX (order 0) within 1e-6', async () => {
    const example = reference.basic_tx_gradient_examples.find((e) => e.approx && e.max_order === 0)!;
    const output = await runJson<PowerJson>(['power', '--grad', '--approx', '--order', '0', '--json']);
    const [pair] = output.pairs;
    closeRelative(pair!.power, example.power, 1e-6);
    closeRelative(pair!.gradTx![0], example.grad[0], 1e-6);
    closeRelative(pair!.gradTx![1], example.grad[1], 1e-6);
    expect(pair!.gradRx).toHaveLength(2);
    // Line of sight: the power depends on |tx - rx| only, so the gradients are opposite.
    closeRelative(pair!.gradRx![0], -pair!.gradTx![0], 1e-9);
    closeRelative(pair!.gradRx![1], -pair!.gradTx![1], 1e-9);
  });

  it('gives the exact gradient example too', async () => {
    const example = reference.basic_tx_gradient_examples.find((e) => !e.approx && e.max_order === 0)!;
    const output = await runJson<PowerJson>(['power', '--grad', '--order', '0', '--json']);
    closeRelative(output.pairs[0]!.gradTx![0], example.grad[0], 1e-6);
    closeRelative(output.pairs[0]!.gradTx![1], example.grad[1], 1e-6);
  });

  it('prints a table with the total, and the gradients with --grad', async () => {
    const plain = await run(['power']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^tx\s+rx\s+power\s+dB\ntx\s+rx\s+24\.6047\s+-6\.09\n\ntotal power: 24\.6047 \(-6\.09 dB\)\n$/);
    const withGrad = await run(['power', '--grad', '--order', '0']);
    expect(withGrad.stdout).toContain('d power / d tx');
    expect(withGrad.stdout).toContain('(98.7559, 56.0758)');
  });

  it('sums over every pair of a scene with several receivers', async () => {
    const file = join(temp, 'two-rx.json');
    writeFileSync(
      file,
      JSON.stringify({
        transmitters: { tx: [0.1, 0.1] },
        receivers: { a: [0.302, 0.2147], b: [0.8, 0.8] },
        objects: [
          { type: 'wall', xys: [[0, 0], [1, 0]] },
          { type: 'wall', xys: [[1, 0], [1, 1]] },
          { type: 'wall', xys: [[1, 1], [0, 1]] },
          { type: 'wall', xys: [[0, 1], [0, 0]] },
          { type: 'wall', xys: [[0.4, 0], [0.4, 0.4]] },
          { type: 'wall', xys: [[0.4, 0.4], [0.3, 0.4]] },
          { type: 'wall', xys: [[0.1, 0.4], [0, 0.4]] },
        ],
      }),
    );
    const output = await runJson<PowerJson>(['power', '--scene', file, '--json']);
    expect(output.pairs.map((p) => p.rx)).toEqual(['a', 'b']);
    closeRelative(output.pairs[0]!.power, 24.604709887053588, 1e-9);
    closeRelative(output.pairs[1]!.power, 0.6740770501316904, 1e-9);
    closeRelative(output.total, 24.604709887053588 + 0.6740770501316904, 1e-9);
    // --tx moves the single transmitter; --rx is refused (two receivers)
    const moved = await runJson<PowerJson>(['power', '--scene', file, '--tx', '0.3,0.2147', '--order', '0', '--json']);
    expect(moved.pairs).toHaveLength(2);
    const refused = await run(['power', '--scene', file, '--rx', '0.5,0.5']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('differt2d: error: --rx: the scene has 2 receivers (a, b); --rx moves a scene\'s only receiver\n');
  });
});

describe('differt2d map', () => {
  it('prints the map as JSON (rows along y) matching power at each receiver', async () => {
    const map = await runJson<MapJson>(['map', '--grid', '4,3', '--json', '--workers', '1']);
    expect(map.x).toHaveLength(4);
    expect(map.y).toHaveLength(3);
    expect(map.power).toHaveLength(3);
    expect(map.power.every((row) => row.length === 4)).toBe(true);
    const [j, i] = [1, 2];
    const single = await runJson<PowerJson>(['power', '--rx', `${map.x[i]},${map.y[j]}`, '--json']);
    closeRelative(map.power[j]![i]!, single.total, 1e-9);
  });

  it('writes --out FILE.json and prints a summary', async () => {
    const file = join(temp, 'map.json');
    const { code, stdout, stderr } = await run(['map', '--grid', '5', '--over', 'tx', '--out', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n5 x 5 transmitter positions over x \\[0, 1\\], y \\[0, 1\\]\npower: min `));
    const map = JSON.parse(readFileSync(file, 'utf8')) as MapJson;
    expect(map.power).toHaveLength(5);
    const summary = await run(['map', '--grid', '3']);
    expect(summary.stdout).toContain('3 x 3 receiver positions');
    expect(summary.stdout).toContain('--out FILE.json');
  });

  it('draws nothing on stderr off a terminal', async () => {
    const { stderr } = await run(['map', '--grid', '3', '--json']);
    expect(stderr).toBe('');
  });
});

describe('differt2d: exit codes and errors', () => {
  const badDir = join(temp, 'a-directory.json');
  mkdirSync(badDir, { recursive: true });
  const invalidJson = join(temp, 'invalid.json');
  writeFileSync(invalidJson, '{"objects": [{"type": "door"}]}');
  const brokenJson = join(temp, 'broken.json');
  writeFileSync(brokenJson, '{"objects": [');

  const cases: [string, string[], RegExp][] = [
    ['unknown scene', ['paths', '--scene', 'nope'], /unknown scene "nope"/],
    ['missing scene file', ['paths', '--scene', join(temp, 'missing.json')], /unknown scene ".*missing\.json"/],
    ['unreadable scene file', ['paths', '--scene', badDir], /cannot read scene file/],
    ['invalid scene file', ['paths', '--scene', invalidJson], /unknown type "door"/],
    ['scene file that is not JSON', ['paths', '--scene', brokenJson], /invalid JSON|JSON/],
    ['bad built-in scene option', ['paths', '--scene', 'square-with-wall:ratio=2'], /ratio/],
    ['unknown built-in scene option', ['paths', '--scene', 'basic:size=2'], /has no option "size"/],
    ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['missing command', [], /missing command/],
    ['option before the command', ['--json'], /missing command before --json/],
    ['unknown option', ['paths', '--frob'], /unknown option --frob for "paths"/],
    ['option of another command', ['paths', '--grid', '3'], /unknown option --grid for "paths"/],
    ['positional argument', ['power', 'extra'], /unexpected argument "extra"/],
    ['option given twice', ['paths', '--json', '--json'], /--json given twice/],
    ['flag with a value', ['paths', '--json=yes'], /--json takes no value/],
    ['missing value', ['paths', '--tx'], /--tx needs a value/],
    ['bad number', ['paths', '--tx', '1,abc'], /--tx: expected X,Y \(two numbers\), got "1,abc"/],
    ['three coordinates', ['power', '--rx', '1,2,3'], /--rx: expected X,Y/],
    ['bad order', ['paths', '--order', '1.5'], /--order: expected an integer >= 0, got "1.5"/],
    ['negative order', ['paths', '--order=-1'], /--order: expected an integer >= 0/],
    ['min above max', ['paths', '--min-order', '2', '--max-order', '1'], /--min-order \(2\) is above --max-order \(1\)/],
    ['order with max order', ['paths', '--order', '1', '--max-order', '2'], /--order cannot be combined/],
    ['unknown method', ['paths', '--method', 'ray'], /--method: expected one of image, fermat, mpt, got "ray"/],
    ['alpha without approx', ['power', '--alpha', '50'], /--alpha has no effect without --approx/],
    ['bad alpha', ['power', '--approx', '--alpha', '-1'], /--alpha: expected a positive number/],
    ['bad alpha (= form)', ['power', '--approx', '--alpha=0'], /--alpha: expected a positive number, got "0"/],
    ['option value that looks like an option', ['paths', '--scene', '--json'], /option --scene needs a value/],
    ['steps with the image method', ['paths', '--steps', '10'], /--steps applies to --solver adam only/],
    ['solver with the image method', ['paths', '--solver', 'adam'], /--solver has no effect without --method fermat or --method mpt/],
    ['image method on a RIS', ['paths', '--scene', fixturePath('figure1-ris.json'), '--rx', '0.8,0.8', '--order', '1'], /the image method handles walls only.*objects\[4\] is a ris.*--method mpt/],
    ['bad seed', ['paths', '--seed', 'x'], /--seed: expected an integer/],
    ['--tx on several transmitters', ['paths', '--scene', 'random:seed=1,transmitters=2', '--tx', '0.5,0.5'], /--tx: the scene has 2 transmitters/],
    ['map without a grid', ['map'], /--grid N is required/],
    ['bad grid', ['map', '--grid', '0'], /--grid: expected an integer >= 1/],
    ['bad over', ['map', '--grid', '3', '--over', 'both'], /--over: expected one of rx, tx/],
    ['unknown output format', ['map', '--grid', '3', '--out', join(temp, 'x.txt')], /unknown output format ".txt"/],
    ['unwritable output', ['map', '--grid', '2', '--out', join(temp, 'no', 'such', 'dir', 'x.json')], /cannot write/],
    ['--rx with --over rx', ['map', '--grid', '3', '--rx', '0.5,0.5'], /--rx has no effect with --over rx/],
    ['map over rx without a transmitter', ['map', '--grid', '3', '--scene', fixturePath('figure1-ris.json'), '--over', 'tx', '--method', 'mpt'], /the scene has no receiver \(give one with --rx X,Y\)/],
    ['bad workers', ['map', '--grid', '3', '--workers', 'all'], /--workers: expected an integer >= 0/],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: exit code 2, one line on stderr`, async () => {
      const { code, stdout, stderr } = await run(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^differt2d: error: [^\n]+\n$/);
      expect(stderr).toMatch(message);
    });
  }

  it('an internal error: exit code 1, one line, no stack', async () => {
    const failing = { stdout: () => { throw new Error('disk on fire\n  at somewhere'); } };
    const { code, stderr } = await run(['power'], failing);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^differt2d: internal error: disk on fire at somewhere \(a bug: [^\n]*\)\n$/);
    const debug = await run(['power'], { ...failing, debug: true });
    expect(debug.code).toBe(1);
    expect(debug.stderr.split('\n').length).toBeGreaterThan(2);
  });
});

describe('differt2d --help', () => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    it(`${args.join(' ')}: lists the commands, exit 0`, async () => {
      const { code, stdout, stderr } = await run(args);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^Usage: differt2d <command> \[options\]/);
      for (const command of ['paths', 'power', 'map']) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    });
  }

  for (const command of ['paths', 'power', 'map']) {
    it(`${command} --help: its options, exit 0`, async () => {
      for (const args of [[command, '--help'], [command, '--scene', 'nope', '-h'], ['help', command]]) {
        const { code, stdout, stderr } = await run(args);
        expect(code).toBe(0);
        expect(stderr).toBe('');
        expect(stdout).toMatch(new RegExp(`^Usage: differt2d ${command} \\[options\\]`));
        expect(stdout).toContain('--scene NAME|FILE');
        expect(stdout).toContain('--json');
        expect(stdout.split('\n').every((line) => line.length <= 100)).toBe(true);
      }
    });
  }

  it('map --help shows its own options, power --help shows --grad', async () => {
    expect((await run(['map', '--help'])).stdout).toMatch(/--grid N\|NX,NY[\s\S]*--over rx\|tx[\s\S]*--out FILE[\s\S]*--workers W/);
    expect((await run(['power', '--help'])).stdout).toContain('--grad');
  });

  it('--version prints the version', async () => {
    const { code, stdout } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^differt2d \d+\.\d+\.\d+\n$/);
  });
});

describe('differt2d: scenes', () => {
  it('reads a scene JSON file and a GeoJSON file', async () => {
    const json = await runJson<PowerJson>(['power', '--scene', fixturePath('basic-scene.json'), '--json']);
    closeRelative(json.total, 24.604709887053588, 1e-9);
    const geo = await run(['paths', '--scene', fixturePath('example.geojson'), '--order', '0', '--json']);
    expect(geo.stderr).toBe('');
    expect(geo.code).toBe(0);
    expect(JSON.parse(geo.stdout)).toHaveProperty('paths');
  });

  it('builds built-in scenes with options', async () => {
    const square = await runJson<PathsJson>(['paths', '--scene', 'square', '--order', '0', '--json']);
    expect(square.paths[0]!.points).toEqual([[0.2, 0.2], [0.5, 0.6]]);
    const a = await run(['power', '--scene', 'random:seed=7,walls=3', '--json']);
    const b = await run(['power', '--scene', 'random', '--seed', '7', '--json']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const c = await run(['power', '--scene', 'random:walls=3', '--seed', '7', '--json']);
    expect(c.stdout).toBe(a.stdout);
  });
});
