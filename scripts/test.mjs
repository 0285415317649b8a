#!/usr/bin/env node
// The project's test command: type-check the whole repository (tests
// included), run every vitest suite, and finish with one plain line
// "N passed, M failed" (also written to out/test-summary.txt for .ci/run).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const outDir = join(root, 'out');
const resultsFile = join(outDir, 'vitest-results.json');
const summaryFile = join(outDir, 'test-summary.txt');
mkdirSync(outDir, { recursive: true });
rmSync(resultsFile, { force: true });

const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

console.log('> type-check (tsc --noEmit, sources and tests)');
const typecheckStatus = run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
console.log(typecheckStatus === 0 ? 'type-check passed' : 'type-check FAILED');

console.log('> tests (vitest)');
const vitestStatus = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)]);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  skipped = results.numPendingTests + results.numTodoTests;
  // A suite that fails to load has no failed test but is a failure all the same.
  failed += results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
} catch {
  failed += 1;
}
if (typecheckStatus !== 0) failed += 1;
const ok = typecheckStatus === 0 && vitestStatus === 0 && failed === 0 && passed > 0;
const summary = `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
writeFileSync(summaryFile, summary + '\n');
console.log(summary);
process.exit(ok ? 0 : 1);
