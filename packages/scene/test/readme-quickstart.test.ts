// The README's quickstart must run as written: extract it, run it with tsx
// from the repository root, and check what it prints.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('README quickstart', () => {
  it('runs as written and prints the basic scene power and gradient', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const block = /<!-- quickstart:begin -->\s*```ts\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const code = block![1]!;
    expect(code.trim().split('\n').length).toBeLessThan(10);
    const file = `${root}quickstart-readme-test.ts`;
    writeFileSync(file, code);
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', file], { cwd: root, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('[ 0, 2 ]');
      const numbers = run.stdout.match(/-?\d+\.\d+/g)!.map(Number);
      expect(numbers[0]).toBeCloseTo(28.106760976353343, 9);
      expect(numbers.length).toBe(3);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
