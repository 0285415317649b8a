/**
 * `pnpm viewer` (build, then serve on localhost) and `pnpm viewer:build`
 * (write the self-contained folder).
 *
 * Usage: `viewerCli.ts build [--out DIR]` or `viewerCli.ts serve [--port N]`
 * (default port: `$PORT`, else 5173, else the next free one).
 *
 * @module
 */
import { resolve } from 'node:path';
import { buildViewer } from './build.js';
import { serveFolder } from './serve.js';

function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`viewer: ${name} needs a value`);
  return value;
}

async function main(args: readonly string[]): Promise<void> {
  const command = args[0];
  if (command !== 'build' && command !== 'serve') {
    throw new Error(`viewer: expected "build" or "serve", got ${JSON.stringify(command ?? '')}`);
  }
  const out = option(args, '--out');
  const built = await buildViewer(out === undefined ? undefined : resolve(out));
  console.log(`built ${built.outDir} (${built.files.join(', ')}; ${(built.bytes / 1024).toFixed(0)} KiB) in ${built.ms.toFixed(0)} ms`);
  if (command === 'build') return;
  const portText = option(args, '--port') ?? process.env.PORT ?? '5173';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`viewer: --port must be an integer in 0..65535, got ${portText}`);
  const server = await serveFolder(built.outDir, port);
  console.log(`differt2d viewer: ${server.url}`);
  console.log('(Ctrl+C to stop)');
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
