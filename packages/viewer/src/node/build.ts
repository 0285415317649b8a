/**
 * Build the viewer: two IIFE bundles made by esbuild (the page,
 * `viewer.js`, and the coverage-map worker, `coverage-worker.js`) and the
 * static files, into one self-contained folder that any static HTTP server
 * can serve.
 *
 * @module
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The viewer package's folder. */
export const VIEWER_ROOT: string = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where `buildViewer` writes by default: `packages/viewer/dist`. */
export const DEFAULT_DIST: string = join(VIEWER_ROOT, 'dist');

/**
 * What a build wrote.
 *
 * @example
 * ```ts
 * const { outDir, files, ms }: ViewerBuild = await buildViewer();
 * ```
 */
export interface ViewerBuild {
  /** The folder written. */
  readonly outDir: string;
  /** The files in it (names), sorted. */
  readonly files: readonly string[];
  /** Total size of the files (bytes). */
  readonly bytes: number;
  /** How long the build took (milliseconds). */
  readonly ms: number;
}

/**
 * Bundle the page and the worker with esbuild (IIFE, ES2022, minified, with
 * source maps), resolving the workspace packages to their TypeScript
 * sources (the `source` export condition), and copy `src/static/*` next to
 * them. The folder is emptied first.
 *
 * @param outDir - the folder to write (default `packages/viewer/dist`).
 * @throws Error with esbuild's messages when a bundle fails.
 * @example
 * ```ts
 * const { outDir } = await buildViewer(); // packages/viewer/dist: index.html, style.css, viewer.js, coverage-worker.js
 * ```
 */
export async function buildViewer(outDir: string = DEFAULT_DIST): Promise<ViewerBuild> {
  const start = performance.now();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: {
      viewer: join(VIEWER_ROOT, 'src', 'main.ts'),
      'coverage-worker': join(VIEWER_ROOT, 'src', 'coverageWorker.ts'),
    },
    outdir: outDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const staticDir = join(VIEWER_ROOT, 'src', 'static');
  for (const name of readdirSync(staticDir)) copyFileSync(join(staticDir, name), join(outDir, name));
  const files = readdirSync(outDir).sort();
  const bytes = files.reduce((total, name) => total + statSync(join(outDir, name)).size, 0);
  return { outDir, files, bytes, ms: performance.now() - start };
}
