/**
 * The real browser of the viewer's tests: Debian's chromium, installed with
 * apt when it is missing (as root), driven by playwright-core.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's chromium is. */
export const CHROMIUM = '/usr/bin/chromium';

/** The flags the tests run chromium with. */
// The networking flags keep chromium from calling out (this machine's network is closed: refused connections, failed lookups).
export const CHROMIUM_ARGS: readonly string[] = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

function run(command: string, args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/**
 * Make sure `/usr/bin/chromium` exists: when missing, install Debian's
 * `chromium` package (`apt-get update && apt-get install -y chromium`),
 * which needs root.
 *
 * @throws Error saying what to do when chromium is missing and cannot be
 *   installed here (not root, no apt-get, the install failed).
 * @example
 * ```ts
 * ensureChromium(); // '/usr/bin/chromium'
 * ```
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const help = `the viewer's browser tests need Debian's chromium at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (as root)`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) throw new Error(`${help}; this process is not root, so it cannot install it`);
  if (!existsSync('/usr/bin/apt-get')) throw new Error(`${help}; this system has no apt-get`);
  const update = run('apt-get', ['update']);
  if (update.status !== 0) throw new Error(`${help}; "apt-get update" failed:\n${update.output.slice(-2000)}`);
  const install = run('apt-get', ['install', '-y', 'chromium']);
  if (install.status !== 0 || !existsSync(CHROMIUM)) throw new Error(`${help}; "apt-get install -y chromium" failed:\n${install.output.slice(-2000)}`);
  return CHROMIUM;
}

/**
 * Launch chromium (installed first if needed) through playwright-core.
 *
 * @example
 * ```ts
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 * ```
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = ensureChromium();
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
}
