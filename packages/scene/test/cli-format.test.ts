/**
 * The `differt2d` command line's building blocks: option parsing and
 * output formatting (numbers, tables, JSON, the progress bar).
 */
import { describe, expect, it } from 'vitest';
import { commandHelp, wrap } from '../src/cli/command.js';
import { mapJson, parseGridSize } from '../src/cli/mapCommand.js';
import {
  COMMON_OPTIONS,
  parseChoice,
  parseCommandArgs,
  parseInteger,
  parseNumber,
  parseOrders,
  parsePoint,
  traceOptionsFrom,
  UsageError,
} from '../src/cli/options.js';
import { formatCandidate, formatDecibels, formatJson, formatNumber, formatPoint, formatTable, ProgressBar, type CliIo } from '../src/cli/output.js';
import { PATHS_COMMAND } from '../src/cli/pathsCommand.js';

describe('option parsing', () => {
  it('parses numbers as people type them, and only those', () => {
    expect(parseNumber('--alpha', '1e3')).toBe(1000);
    expect(parseNumber('--alpha', '-.5')).toBe(-0.5);
    expect(parseNumber('--alpha', ' 2 ')).toBe(2);
    for (const bad of ['', 'abc', '0x10', 'Infinity', 'NaN', '1,2', '1e400']) {
      expect(() => parseNumber('--alpha', bad)).toThrow(UsageError);
    }
    expect(() => parseNumber('--alpha', 'abc')).toThrow('--alpha: expected a number, got "abc"');
  });

  it('parses points and integers', () => {
    expect(parsePoint('--tx', '0.1,0.2')).toEqual([0.1, 0.2]);
    expect(parsePoint('--tx', '-1, 2e-1')).toEqual([-1, 0.2]);
    for (const bad of ['1', '1,', ',1', '1,abc', '1,2,3', '']) expect(() => parsePoint('--tx', bad)).toThrow(UsageError);
    expect(parseInteger('--order', '3')).toBe(3);
    expect(() => parseInteger('--order', '-1')).toThrow('--order: expected an integer >= 0, got "-1"');
    expect(() => parseInteger('--grid', '0', 1)).toThrow('--grid: expected an integer >= 1, got "0"');
    expect(() => parseInteger('--order', '1e2')).toThrow(UsageError);
    expect(parseChoice('--over', 'tx', ['rx', 'tx'] as const)).toBe('tx');
    expect(() => parseChoice('--over', 'xy', ['rx', 'tx'] as const)).toThrow('--over: expected one of rx, tx, got "xy"');
  });

  it('parses orders', () => {
    expect(parseOrders({})).toEqual({});
    expect(parseOrders({ order: '2' })).toEqual({ minOrder: 2, maxOrder: 2 });
    expect(parseOrders({ 'max-order': '3' })).toEqual({ maxOrder: 3 });
    expect(parseOrders({ 'min-order': '1' })).toEqual({ minOrder: 1 });
    // a minimum above the default maximum (1) raises the maximum
    expect(parseOrders({ 'min-order': '3' })).toEqual({ minOrder: 3, maxOrder: 3 });
    expect(() => parseOrders({ 'max-order': '0', 'min-order': '1' })).toThrow(UsageError);
    expect(() => parseOrders({ order: '1', 'min-order': '1' })).toThrow(UsageError);
  });

  it('makes trace options of the given keys only', () => {
    expect(traceOptionsFrom({})).toEqual({});
    expect(traceOptionsFrom({ 'max-order': '2', approx: true, alpha: '50', seed: '4' })).toEqual({ maxOrder: 2, approx: true, alpha: 50, seed: 4 });
    expect(traceOptionsFrom({ method: 'mpt', solver: 'adam', steps: '1000', many: '2' })).toEqual({ method: 'mpt', solver: 'adam', steps: 1000, many: 2 });
    expect(() => traceOptionsFrom({ method: 'fermat', solver: 'sgd' })).toThrow('--solver: expected one of lm, adam, got "sgd"');
    expect(traceOptionsFrom({ 'no-prune': true, 'no-spatial-index': true })).toEqual({ prune: false, spatialIndex: false });
  });

  it('parses command arguments strictly', () => {
    expect(parseCommandArgs('paths', ['--scene', 'square', '--json', '--tx=-1,2'], COMMON_OPTIONS)).toEqual({ scene: 'square', json: true, tx: '-1,2' });
    expect(parseCommandArgs('paths', ['-h'], COMMON_OPTIONS)).toEqual({ help: true });
    expect(() => parseCommandArgs('paths', ['--nope'], COMMON_OPTIONS)).toThrow('unknown option --nope for "paths" (see differt2d paths --help)');
    expect(parseCommandArgs('paths', ['--tx', '-1,2', '--rx', '-.5,0', '--approx'], COMMON_OPTIONS)).toEqual({ tx: '-1,2', rx: '-.5,0', approx: true });
    expect(() => parseCommandArgs('paths', ['--tx', '-x'], COMMON_OPTIONS)).toThrow('option --tx needs a value (for a value starting with "-", write --tx=VALUE)');
    expect(() => parseCommandArgs('paths', ['--json', '-1'], COMMON_OPTIONS)).toThrow(UsageError);
  });

  it('parses grid sizes', () => {
    expect(parseGridSize('300')).toEqual([300, 300]);
    expect(parseGridSize('200, 100')).toEqual([200, 100]);
    for (const bad of ['', '0', '1,2,3', 'a', '20000']) expect(() => parseGridSize(bad)).toThrow(UsageError);
  });
});

describe('output formatting', () => {
  it('formats numbers compactly', () => {
    expect(formatNumber(15.634749732215791)).toBe('15.6347');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(2)).toBe('2');
    expect(formatNumber(1.2345e-17)).toBe('1.23e-17');
    expect(formatNumber(1e-17, 3)).toBe('1e-17');
    expect(formatNumber(12345678)).toBe('1.23e7');
    expect(formatNumber(0.000123456)).toBe('0.000123456');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(-Infinity)).toBe('-inf');
  });

  it('formats decibels relative to P0 = 100, points and candidates', () => {
    expect(formatDecibels(100)).toBe('0.00');
    expect(formatDecibels(15.634749732215791)).toBe('-8.06');
    expect(formatDecibels(0)).toBe('-inf');
    expect(formatDecibels(NaN)).toBe('NaN');
    expect(formatPoint([0.16418811566571337, 0])).toBe('(0.1642, 0.0000)');
    expect(formatPoint([-0, 1])).toBe('(0.0000, 1.0000)');
    expect(formatCandidate([0, 2])).toBe('[0, 2]');
    expect(formatCandidate([])).toBe('LOS');
  });

  it('aligns tables', () => {
    const table = formatTable(
      [{ header: 'name' }, { header: 'power', align: 'right' }],
      [
        ['tx', '1.5'],
        ['tx_2', '10'],
      ],
    );
    expect(table).toBe('name  power\ntx      1.5\ntx_2     10\n');
    expect(formatTable([{ header: 'a' }, { header: 'b' }], [['xyz', '']])).toBe('a    b\nxyz\n');
  });

  it('writes JSON that parses back exactly, numbers on few lines', () => {
    const value = {
      paths: [{ tx: 'tx', candidate: [], points: [[0.1, 0.1], [0.16418811566571337, 0]], loss: 1.2e-17 }],
      total: 28.106760976353343,
      grad: [NaN, Infinity],
      skipped: undefined,
    };
    const text = formatJson(value);
    expect(JSON.parse(text)).toEqual({ ...value, grad: [null, null], skipped: undefined });
    expect(text).toContain('"points": [[0.1, 0.1], [0.16418811566571337, 0]]');
    expect(text).toContain('"candidate": []');
    expect(text).not.toContain('skipped');
    expect(text.endsWith('}\n')).toBe(true);
    // a map: one line per row (rows of more than 3 values; shorter ones look like points and stay inline)
    const map = formatJson(mapJson({ x: Float64Array.of(0, 1, 2, 3), y: Float64Array.of(0, 1), power: Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8) }));
    expect(map).toBe('{\n  "x": [0, 1, 2, 3],\n  "y": [0, 1],\n  "power": [\n    [1, 2, 3, 4],\n    [5, 6, 7, 8]\n  ]\n}\n');
    expect(JSON.parse(formatJson(mapJson({ x: [0, 1], y: [0], power: [5, 6] })))).toEqual({ x: [0, 1], y: [0], power: [[5, 6]] });
    expect(formatJson([])).toBe('[]\n');
    expect(formatJson({})).toBe('{}\n');
  });

  it('wraps help text', () => {
    expect(wrap('a bb ccc', 4)).toEqual(['a bb', 'ccc']);
    const help = commandHelp(PATHS_COMMAND, 80);
    expect(help.split('\n').every((line) => line.length <= 80)).toBe(true);
    expect(help).toContain('  -h, --help');
  });
});

describe('ProgressBar', () => {
  const setup = (isTTY: boolean) => {
    let time = 0;
    let stderr = '';
    const io: CliIo = { stdout: () => {}, stderr: (text) => (stderr += text), isTTY, columns: 80, now: () => time };
    return { io, advance: (ms: number) => (time += ms), output: () => stderr };
  };

  it('draws nothing for work shorter than a second', () => {
    const { io, advance, output } = setup(true);
    const bar = new ProgressBar(io, 'map 10x10');
    bar.update(5, 10);
    advance(500);
    bar.update(10, 10);
    bar.finish();
    expect(output()).toBe('');
  });

  it('draws a bar on a terminal after a second, throttled, then one final line', () => {
    const { io, advance, output } = setup(true);
    const bar = new ProgressBar(io, 'map 10x10');
    advance(1000);
    bar.update(5, 10);
    expect(output()).toMatch(/^\rmap 10x10 \[#+-+\] 50% 5\/10 \(1\.0 s, 1 s left\)\x1b\[K$/);
    const drawn = output();
    advance(10);
    bar.update(6, 10); // throttled
    expect(output()).toBe(drawn);
    advance(200);
    bar.update(10, 10);
    expect(output().length).toBeGreaterThan(drawn.length);
    bar.finish();
    expect(output().endsWith('\r\x1b[Kmap 10x10: done in 1.2 s\n')).toBe(true);
  });

  it('off a terminal: nothing at all, even for long work (stderr does not depend on the machine speed)', () => {
    const { io, advance, output } = setup(false);
    const bar = new ProgressBar(io, 'map');
    advance(1500);
    bar.update(1, 2);
    bar.update(2, 2);
    bar.finish();
    expect(output()).toBe('');
  });

  it('clears the bar when aborted', () => {
    const { io, advance, output } = setup(true);
    const bar = new ProgressBar(io, 'map');
    advance(2000);
    bar.update(1, 4);
    bar.abort();
    expect(output().endsWith('\r\x1b[K')).toBe(true);
  });
});
