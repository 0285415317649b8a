/**
 * The viewer in a real browser: Debian's chromium (installed by the setup
 * when missing) driven by playwright-core, on the bundle built by
 * esbuild and served over HTTP. The page's paths, maps and optimisation are
 * checked against the library run here, in node. Screenshots and exports go
 * to out/viewer-*.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Wall } from '@differt2d/geometry';
import { basicScene, powerGrid, receivedPowerPerPair, sceneFromGeoJson, sceneFromJson, validScenePaths, type PowerGrid, type Scene, type ScenePath } from '@differt2d/scene';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildViewer } from '../src/node/build.js';
import { figure2Scene } from '../src/scenes.js';
import { serveFolder, type StaticServer } from '../src/node/serve.js';
import type { ViewerHook, ViewerSnapshot } from '../src/testHook.js';
import { launchChromium } from './support/browser.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const outDir = join(root, 'out');
const distDir = mkdtempSync(join(tmpdir(), 'differt2d-viewer-'));

let browser: Browser;
let page: Page;
let server: StaticServer;
const pageErrors: string[] = [];

declare global {
  interface Window {
    differt2dViewer: ViewerHook;
  }
}

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  const built = await buildViewer(distDir);
  expect(built.files).toEqual(expect.arrayContaining(['index.html', 'style.css', 'viewer.js', 'coverage-worker.js']));
  server = await serveFolder(distDir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`http://127.0.0.1:${server.port}/`);
  await page.waitForSelector('html[data-ready="true"]');
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(distDir, { recursive: true, force: true });
});

const snapshot = (): Promise<ViewerSnapshot> => page.evaluate(() => window.differt2dViewer.snapshot());

/** The rows of the page's path list, from their data attributes. */
async function listedPaths(): Promise<{ tx: string; rx: string; candidate: string; power: number }[]> {
  return page.$$eval('#path-list tr', (rows) =>
    rows.map((row) => {
      const data = (row as HTMLElement).dataset;
      return { tx: data.tx!, rx: data.rx!, candidate: data.candidate!, power: Number(data.power) };
    }),
  );
}

/** The page lists exactly the library's paths: same pairs and candidates in the same order, powers to 1e-9 relative. */
async function expectLibraryPaths(expected: readonly ScenePath[]): Promise<void> {
  const listed = await listedPaths();
  const key = (path: { tx: string; rx: string; candidate: string }) => `${path.tx}>${path.rx}:[${path.candidate}]`;
  expect(listed.map(key)).toEqual(expected.map((path) => key({ ...path, candidate: path.candidate.join(',') })));
  listed.forEach((path, k) => {
    const want = expected[k]!.power;
    expect(Math.abs(path.power - want)).toBeLessThanOrEqual(1e-9 * Math.abs(want));
  });
  const shown = await snapshot();
  expect(shown.paths.map((path) => path.candidate)).toEqual(expected.map((path) => [...path.candidate]));
}

/** The page's map is the library's: the same axes, every power within 1e-9 relative. */
function expectLibraryMap(grid: { x: number[]; y: number[]; power: number[] }, expected: PowerGrid): void {
  expect(grid.x).toEqual([...expected.x]);
  expect(grid.y).toEqual([...expected.y]);
  let worst = 0;
  for (let i = 0; i < expected.power.length; i++) worst = Math.max(worst, Math.abs(grid.power[i]! - expected.power[i]!) / Math.max(1e-300, Math.abs(expected.power[i]!)));
  expect(worst).toBeLessThanOrEqual(1e-9);
}

/** The library's valid paths of a scene for orders `runs` (`[minOrder, maxOrder]` each), as the page's settings say. */
function libraryPaths(scene: Scene, runs: readonly (readonly [number, number])[]): ScenePath[] {
  return runs.flatMap(([minOrder, maxOrder]) => validScenePaths(scene, { minOrder, maxOrder }));
}

async function onScreen(handle: object): Promise<{ x: number; y: number }> {
  const at = await page.evaluate((h) => window.differt2dViewer.handleOnScreen(h as never), handle);
  expect(at).not.toBeNull();
  return at!;
}

/** Drag with the mouse from a handle by (dx, dy) pixels in `steps` moves. */
async function drag(handle: object, dx: number, dy: number, steps: number): Promise<void> {
  const from = await onScreen(handle);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y + dy, { steps });
  await page.mouse.up();
}

describe('viewer in chromium', () => {
  it('loads the basic scene with its 12 valid paths, as the library finds them', async () => {
    const shown = await snapshot();
    expect(shown.sceneName).toBe('basic');
    expect(shown.transmitters).toEqual({ tx: [0.1, 0.1] });
    expect(await page.textContent('#path-count')).toBe('(12)');
    await expectLibraryPaths(validScenePaths(basicScene(), { maxOrder: 2 }));
    expect(await page.$$eval('#scene option', (options) => options.map((option) => (option as HTMLOptionElement).value))).toContain('city');
    await page.screenshot({ path: join(outDir, 'viewer-basic.png') });
  });

  it('dragging the TX with the mouse updates the path list to the library paths at the new position (frame times reported)', async () => {
    const before = await listedPaths();
    const start = await onScreen({ kind: 'tx', name: 'tx' });
    await drag({ kind: 'tx', name: 'tx' }, 160, -70, 60);
    const shown = await snapshot();
    const tx = shown.transmitters.tx!;
    // The TX followed the pointer: 160 px right and 70 px up, at the view's scale.
    const end = await onScreen({ kind: 'tx', name: 'tx' });
    expect(end.x - start.x).toBeCloseTo(160, 0);
    expect(end.y - start.y).toBeCloseTo(-70, 0);
    expect(tx[0]).toBeGreaterThan(0.2);
    expect(await listedPaths()).not.toEqual(before);
    await expectLibraryPaths(validScenePaths(basicScene().withTransmitter('tx', tx), { maxOrder: 2 }));

    const timings = await page.evaluate(() => window.differt2dViewer.timings());
    const recent = timings.trace.slice(-40).sort((a, b) => a - b);
    const frame = { moves: recent.length, traceMedianMs: recent[recent.length >> 1], traceP95Ms: recent[Math.floor(0.95 * (recent.length - 1))], drawMedianMs: timings.drawMedian };
    writeFileSync(join(outDir, 'viewer-frame-times.json'), JSON.stringify(frame, null, 2) + '\n');
    console.log(`viewer: basic scene, orders <= 2, per drag update: trace + gradient median ${frame.traceMedianMs!.toFixed(2)} ms (p95 ${frame.traceP95Ms!.toFixed(2)} ms), draw median ${frame.drawMedianMs.toFixed(2)} ms`);
    expect(recent.length).toBeGreaterThanOrEqual(20);
    expect(recent.every(Number.isFinite)).toBe(true);
    await page.screenshot({ path: join(outDir, 'viewer-drag.png') });
  });

  it('arrow keys move the selected TX, keys and boxes toggle orders, a wall corner can be dragged; the list follows the library', async () => {
    const from = (await snapshot()).transmitters.tx!;
    await page.focus('#view');
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowUp']) await page.keyboard.press(key);
    const step = 0.01 * 1.12; // 1 % of the view's side: the basic scene padded by 6 %
    let shown = await snapshot();
    expect(shown.transmitters.tx![0]).toBeCloseTo(from[0] + 3 * step, 12);
    expect(shown.transmitters.tx![1]).toBeCloseTo(from[1] + step, 12);
    let scene = basicScene().withTransmitter('tx', shown.transmitters.tx!);
    await expectLibraryPaths(libraryPaths(scene, [[0, 2]]));

    await page.click('#order-2'); // off
    await page.focus('#view');
    await page.keyboard.press('3'); // on
    shown = await snapshot();
    expect(shown.settings.orders).toEqual([true, true, false, true]);
    expect(shown.paths.some((path) => path.candidate.length === 3)).toBe(true);
    expect(shown.paths.some((path) => path.candidate.length === 2)).toBe(false);
    await expectLibraryPaths(libraryPaths(scene, [[0, 1], [3, 3]]));
    await page.click('#order-2');
    await page.focus('#view');
    await page.keyboard.press('3');
    expect((await snapshot()).settings.orders).toEqual([true, true, true, false]);

    // Wall 4 (0.4, 0)-(0.4, 0.4) and wall 5 (0.4, 0.4)-(0.3, 0.4) share the corner (0.4, 0.4): it moves as one.
    await drag({ kind: 'end', index: 4, end: 1 }, 40, -30, 10);
    shown = await snapshot();
    const corner = shown.objects[4]!.xys![1]!;
    expect(corner[0]).toBeGreaterThan(0.43);
    expect(corner[1]).toBeGreaterThan(0.42);
    expect(shown.objects[4]!.xys).toEqual([[0.4, 0], corner]);
    expect(shown.objects[5]!.xys).toEqual([corner, [0.3, 0.4]]);
    const objects = [...scene.objects];
    objects[4] = new Wall([[0.4, 0], corner]);
    objects[5] = new Wall([corner, [0.3, 0.4]]);
    scene = scene.withObjects(objects);
    await expectLibraryPaths(libraryPaths(scene, [[0, 2]]));
  });

  it('computes the coverage map in Web Workers: progress to 100 %, the page responsive, the library values, a colour bar', async () => {
    await page.selectOption('#map-resolution', '250');
    // Count animation frames and the longest gap between two while the map is computed.
    await page.evaluate(() => {
      const probe = { frames: 0, last: performance.now(), longestGapMs: 0, stop: false };
      (window as unknown as { probe: typeof probe }).probe = probe;
      const tick = (now: number) => {
        probe.frames++;
        probe.longestGapMs = Math.max(probe.longestGapMs, now - probe.last);
        probe.last = now;
        if (!probe.stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.click('#map-compute');
    const seenWhileRunning: number[] = [];
    for (;;) {
      const state = await page.evaluate(() => ({ ...window.differt2dViewer.snapshot().progress, status: document.getElementById('map-status')!.dataset.state }));
      if (state.running === true) seenWhileRunning.push(state.rowsDone! / state.rows!);
      if (state.status === 'done') break;
      await page.waitForTimeout(25);
    }
    const probe = await page.evaluate(() => {
      const p = (window as unknown as { probe: { frames: number; longestGapMs: number; stop: boolean } }).probe;
      p.stop = true;
      return p;
    });
    const shown = await snapshot();
    const coverage = shown.coverage!;
    expect(coverage.kind).toBe('coverage');
    expect(coverage.workers).toBeGreaterThanOrEqual(1);
    expect([coverage.nx, coverage.ny]).toEqual([250, 250]);
    expect(coverage.finite).toBe(250 * 250);
    expect(shown.progress).toEqual({ rowsDone: 250, rows: 250, running: false });
    expect(Number(await page.getAttribute('#map-progress', 'data-fraction'))).toBe(1);
    const log = await page.evaluate(() => window.differt2dViewer.progressLog());
    expect(log.length).toBeGreaterThanOrEqual(10);
    for (let k = 1; k < log.length; k++) expect(log[k]).toBeGreaterThan(log[k - 1]!);
    expect(log[log.length - 1]).toBe(1);
    expect(seenWhileRunning.length).toBeGreaterThanOrEqual(1);
    // The page kept drawing frames while the workers computed.
    console.log(`viewer: 250 x 250 map, orders <= 2, in ${coverage.ms.toFixed(0)} ms with ${coverage.workers} workers; ${probe.frames} frames meanwhile, longest gap ${probe.longestGapMs.toFixed(0)} ms`);
    expect(probe.frames).toBeGreaterThanOrEqual(5);
    expect(probe.longestGapMs).toBeLessThan(1000);

    // The library's map, computed here, for the same scene, grid and orders.
    const grid = (await page.evaluate(() => window.differt2dViewer.coverageGrid()))!;
    const objects = shown.objects.map((object) => new Wall(object.xys!));
    const scene = basicScene().withTransmitter('tx', shown.transmitters.tx!).withObjects(objects);
    const expected = powerGrid(scene, { over: 'rx', nx: 250, ny: 250, bbox: [[0, 0], [1, 1]], maxOrder: 2 });
    expectLibraryMap(grid, expected);
    expect(await page.textContent('#map-status')).toMatch(/^250 x 250 in \d+ ms \(\d workers?\)$/);
    await page.screenshot({ path: join(outDir, 'viewer-coverage.png') });
  });

  it('exports the view as SVG (walls, paths, map, colour bar) and as PNG', async () => {
    const shown = await snapshot();
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
    expect(svgDownload.suggestedFilename()).toBe('differt2d-basic.svg');
    const svg = readFileSync((await svgDownload.path())!, 'utf8');
    writeFileSync(join(outDir, 'viewer-export.svg'), svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<line class="wall"/g)?.length).toBe(7);
    expect(svg.match(/<polyline class="path"/g)?.length).toBe(shown.paths.length);
    expect(svg).toContain('class="coverage-map"');
    expect(svg).toContain('href="data:image/png;base64,');
    expect(svg).toContain('class="colorbar-label"');
    expect(svg).toContain('class="gradient-arrow"');
    // Well-formed: the browser's XML parser reads it without error.
    const parsed = await page.evaluate((text) => {
      const documentParsed = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: documentParsed.querySelector('parsererror')?.textContent ?? null, walls: documentParsed.querySelectorAll('line.wall').length };
    }, svg);
    expect(parsed).toEqual({ error: null, walls: 7 });

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    expect(pngDownload.suggestedFilename()).toBe('differt2d-basic.png');
    const png = readFileSync((await pngDownload.path())!);
    writeFileSync(join(outDir, 'viewer-export.png'), png);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    const canvasBox = (await page.locator('#view').boundingBox())!;
    expect(png.readUInt32BE(16)).toBe(2 * Math.floor(canvasBox.width));
    expect(png.readUInt32BE(20)).toBe(2 * Math.floor(canvasBox.height));
    // The browser decodes it.
    const decoded = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      return [image.naturalWidth, image.naturalHeight];
    }, png.toString('base64'));
    expect(decoded).toEqual([png.readUInt32BE(16), png.readUInt32BE(20)]);
  });

  it("animates the paper's figure 2: the TX moves step by step to about (0.399, 0.104)", async () => {
    await page.click('#fig2-start');
    await page.waitForFunction(() => (window.differt2dViewer.snapshot().optimization?.step ?? 0) >= 10);
    const midway = (await snapshot()).optimization!;
    expect(midway.step).toBeLessThan(100);
    await page.waitForFunction(() => window.differt2dViewer.snapshot().optimization?.step === 100, undefined, { timeout: 45_000 });
    const shown = await snapshot();
    expect(shown.sceneName).toBe('figure-2');
    expect(shown.settings).toMatchObject({ orders: [true, false, false, false], approx: true });
    const tx = shown.optimization!.tx;
    expect(shown.transmitters.tx).toEqual(tx);
    expect(Math.hypot(tx[0] - 0.399, tx[1] - 0.104)).toBeLessThan(2e-3);
    expect(shown.optimization!.objective).toBeGreaterThan(0.3);
    expect(Math.hypot(midway.tx[0] - 0.399, midway.tx[1] - 0.104)).toBeGreaterThan(0.1);
    expect(await page.textContent('#fig2-status')).toContain('step 100 / 100');
    // The arrow shows the gradient of the objective (the smaller power), as the library gives it.
    const scene = figure2Scene().withTransmitter('tx', tx);
    const { pairs } = receivedPowerPerPair(scene, { order: 0, approx: true, alpha: shown.settings.alpha, gradient: true });
    const worse = pairs[0]!.power <= pairs[1]!.power ? pairs[0]! : pairs[1]!;
    const arrow = shown.gradients.tx!;
    expect(Math.abs(arrow[0] - worse.gradTx![0] / 100)).toBeLessThanOrEqual(1e-12 * Math.hypot(...worse.gradTx!));
    expect(Math.abs(arrow[1] - worse.gradTx![1] / 100)).toBeLessThanOrEqual(1e-12 * Math.hypot(...worse.gradTx!));
    // The objective map (over TX positions) of one of the snapshots.
    await page.waitForFunction(() => window.differt2dViewer.snapshot().coverage?.kind === 'objective');
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(outDir, 'viewer-figure2.png') });
  });

  it('opens dropped and chosen scene JSON and GeoJSON files, and says what is wrong with a bad one', async () => {
    const text = JSON.stringify({
      transmitters: { tx: [0.2, 0.5] },
      receivers: { a: [1.6, 0.6], b: [1.2, 0.1] },
      objects: [
        { type: 'wall', xys: [[0, 0], [2, 0]] },
        { type: 'wall', xys: [[0, 1], [2, 1]] },
        { type: 'wall', xys: [[1, 0.3], [1, 0.7]] },
      ],
    });
    // Dropped on the view.
    const dataTransfer = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'corridor.json', { type: 'application/json' }));
      return transfer;
    }, text);
    await page.dispatchEvent('#view-box', 'dragover', { dataTransfer });
    expect(await page.isVisible('#drop-overlay')).toBe(true);
    await page.dispatchEvent('#view-box', 'drop', { dataTransfer });
    await page.waitForFunction(() => window.differt2dViewer.snapshot().sceneName === 'corridor.json');
    // Leaving figure 2 brings back the settings from before it.
    expect((await snapshot()).settings).toEqual({ orders: [true, true, true, false], method: 'image', approx: false, alpha: 100 });
    await expectLibraryPaths(libraryPaths(sceneFromJson(text), [[0, 2]]));

    const geojson = JSON.stringify({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[[4.625, 50.6682], [4.6253, 50.6682], [4.6253, 50.6685], [4.625, 50.6685], [4.625, 50.6682]]] },
    });
    expect(await page.isVisible('#drop-overlay')).toBe(false);
    expect(await page.inputValue('#scene')).toBe('file:corridor.json');
    expect(await page.textContent('#fig2-status')).not.toContain('step 100');
    await page.screenshot({ path: join(outDir, 'viewer-file.png') });

    // Opened with the file input.
    await page.setInputFiles('#file', { name: 'block.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(geojson) });
    await page.waitForFunction(() => window.differt2dViewer.snapshot().sceneName === 'block.geojson');
    expect((await snapshot()).objects).toHaveLength(4);
    await expectLibraryPaths(libraryPaths(sceneFromGeoJson(geojson), [[0, 2]]));

    await page.setInputFiles('#file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"objects": [{"type": "door"}]}') });
    await page.waitForSelector('#message.error');
    expect(await page.textContent('#message')).toContain('bad.json: scene JSON: objects[0]: unknown type "door"');
    expect((await snapshot()).sceneName).toBe('block.geojson');
    expect(pageErrors).toEqual([]);
  });

  it('works opened from the folder itself (file://): paths, and maps computed in the page, as browsers refuse workers there', async () => {
    const local = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    const errors: string[] = [];
    local.on('pageerror', (error) => errors.push(error.message));
    try {
      await local.goto(pathToFileURL(join(distDir, 'index.html')).href);
      await local.waitForSelector('html[data-ready="true"]');
      expect(await local.textContent('#path-count')).toBe('(12)');
      const resolutions = await local.$$eval('#map-resolution option', (options) => options.map((option) => Number((option as HTMLOptionElement).value)));
      const nx = Math.min(...resolutions);
      await local.selectOption('#map-resolution', String(nx));
      await local.click('#map-compute');
      await local.waitForFunction(() => document.getElementById('map-status')!.dataset.state === 'done');
      const coverage = (await local.evaluate(() => window.differt2dViewer.snapshot())).coverage!;
      expect(coverage.workers).toBe(0);
      expect(await local.textContent('#map-status')).toMatch(new RegExp(`^${nx} x ${nx} in \\d+ ms`));
      const grid = (await local.evaluate(() => window.differt2dViewer.coverageGrid()))!;
      const expected = powerGrid(basicScene(), { over: 'rx', nx, ny: nx, bbox: [[0, 0], [1, 1]], maxOrder: 2 });
      expectLibraryMap(grid, expected);
      expect(errors).toEqual([]);
    } finally {
      await local.close();
    }
  });
});
