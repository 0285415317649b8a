/**
 * `pnpm example NAME [--json] [--size N] [--out-dir DIR]`: run one of the
 * examples of `examples/`, which writes its pictures into `out/` (or DIR),
 * and print its key numbers, its checks, where it wrote and how long it
 * computed. With `--json`, stdout holds the example's JSON only (the rest
 * goes to stderr). `--size N` shrinks its grids to N x N (quick runs).
 * Exit code: 0, 1 when a check fails, 2 for bad arguments.
 *
 * @example
 * ```sh
 * pnpm example ris-power-map
 * pnpm example optimize-steps --json
 * pnpm example power-map --size 60
 * ```
 *
 * @module
 */
import { isAbsolute, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { closePowerMapWorkers } from '@differt2d/scene/node';
import { EXAMPLES, findExample } from './index.js';
import { formatMs, type ExampleReport } from './shared/example.js';

const USAGE = `Usage: pnpm example NAME [--json] [--size N] [--out-dir DIR]

Examples:
${EXAMPLES.map((example) => `  ${example.name.padEnd(20)}${example.summary}`).join('\n')}

Options:
  --json          print the example's JSON on stdout (everything else on stderr)
  --size N        N x N grids (N samples for profiles) instead of the paper's sizes
  --out-dir DIR   write the files into DIR (default: out)
`;

/** Parse the arguments; `undefined` after printing why when they are bad. */
function parse(args: string[]): { name: string; json: boolean; size: number | undefined; outDir: string } | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, size: { type: 'string' }, 'out-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    process.stderr.write(`example: ${(error as Error).message}\n\n${USAGE}`);
    return undefined;
  }
  const { values, positionals } = parsed;
  if (values.help === true || positionals.length !== 1) {
    (values.help === true ? process.stdout : process.stderr).write(positionals.length > 1 ? `example: one example at a time\n\n${USAGE}` : USAGE);
    return undefined;
  }
  const size = values.size === undefined ? undefined : Number(values.size);
  if (size !== undefined && !(Number.isInteger(size) && size >= 2)) {
    process.stderr.write(`example: --size must be an integer >= 2, got ${JSON.stringify(values.size)}\n`);
    return undefined;
  }
  return { name: positionals[0]!, json: values.json === true, size, outDir: values['out-dir'] ?? join(process.cwd(), 'out') };
}

/** A path as people read it: relative to the current folder when inside it. */
function displayPath(file: string): string {
  const local = relative(process.cwd(), file);
  return local === '' || local.startsWith('..') || isAbsolute(local) ? file : local;
}

/** The report for people. */
function printReport(report: ExampleReport, write: (text: string) => void): void {
  const width = Math.max(...report.numbers.map(([label]) => label.length));
  for (const [label, value] of report.numbers) write(`  ${label.padEnd(width)}  ${value}\n`);
  for (const check of report.checks) write(`  ${check.passed ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}\n`);
  for (const file of report.files) write(`  wrote ${displayPath(file)}\n`);
  write(`  compute time ${formatMs(report.computeMs)} (drawing and writing ${formatMs(report.drawMs)})\n`);
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  if (args === undefined) return process.argv.includes('--help') || process.argv.includes('-h') ? 0 : 2;
  const example = findExample(args.name);
  if (example === undefined) {
    process.stderr.write(`example: unknown example ${JSON.stringify(args.name)}\n\n${USAGE}`);
    return 2;
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const human = args.json ? log : (line: string): void => void process.stdout.write(`${line}\n`);
  human(`${example.name}: ${example.summary}`);
  const report = await example.run({ outDir: args.outDir, size: args.size, log });
  printReport(report, args.json ? (text) => process.stderr.write(text) : (text) => process.stdout.write(text));
  if (args.json) process.stdout.write(`${JSON.stringify(report.json)}\n`);
  await closePowerMapWorkers();
  return report.checks.every((check) => check.passed) ? 0 : 1;
}

process.exitCode = await main();
