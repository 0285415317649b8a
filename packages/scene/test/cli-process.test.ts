/**
 * The `differt2d` executable end to end: the real process, from the sources
 * (`node --import tsx --conditions=source packages/scene/src/cli/main.ts`),
 * its stdout, stderr and exit code.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const entry = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

/** Runs `differt2d ...args` in a child process. */
function differt2d(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', entry, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the differt2d process', () => {
  it('power --json: prints the JSON, exit code 0', () => {
    const { code, stdout, stderr } = differt2d('power', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { pairs: { tx: string; rx: string; power: number }[]; total: number };
    expect(output.pairs.map(({ tx, rx }) => [tx, rx])).toEqual([['tx', 'rx']]);
    expect(Math.abs(output.total - 24.604709887053588)).toBeLessThan(1e-9 * 24.6);
  });

  it('--scene nope: one line on stderr, nothing on stdout, exit code 2', () => {
    const { code, stdout, stderr } = differt2d('paths', '--scene', 'nope');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^differt2d: error: unknown scene "nope": [^\n]+\n$/);
  });
});
