/**
 * The controls beside the view: scene list and file input (and drop on the
 * view), orders, method, approximation and alpha, the gradient arrow, the
 * coverage map (grid, compute, cancel, progress), figure 2, exports, the
 * keyboard help and the messages; each kept in step with the state.
 *
 * @module
 */
import type { TraceMethod } from '@differt2d/scene';
import type { Figure2Animation } from './animation.js';
import { median, type ViewerApp } from './app.js';
import { RESOLUTIONS } from './coverage.js';
import { download, exportName, viewToPng, viewToSvg } from './exportView.js';
import { handleLabel, handlePosition } from './handles.js';
import { KEY_HELP } from './interaction.js';
import { SCENE_CHOICES, sceneChoice, sceneFromFile } from './scenes.js';
import { MAX_ORDER } from './tracing.js';

function element<T extends HTMLElement>(page: Document, id: string): T {
  const found = page.getElementById(id);
  if (found === null) throw new Error(`viewer: the page has no #${id}`);
  return found as T;
}

/** alpha from the slider's position (log10 alpha). */
function alphaOfSlider(value: string): number {
  return Math.round(10 ** Number(value) * 100) / 100;
}

/**
 * Bind the controls of the page to the app.
 *
 * @example
 * ```ts
 * attachControls(app, animation, document);
 * ```
 */
export function attachControls(app: ViewerApp, animation: Figure2Animation, page: Document): void {
  const sceneSelect = element<HTMLSelectElement>(page, 'scene');
  const fileInput = element<HTMLInputElement>(page, 'file');
  const orderBoxes = Array.from({ length: MAX_ORDER + 1 }, (_, k) => element<HTMLInputElement>(page, `order-${k}`));
  const method = element<HTMLSelectElement>(page, 'method');
  const approx = element<HTMLInputElement>(page, 'approx');
  const alpha = element<HTMLInputElement>(page, 'alpha');
  const alphaValue = element<HTMLOutputElement>(page, 'alpha-value');
  const gradient = element<HTMLInputElement>(page, 'gradient');
  const resolution = element<HTMLSelectElement>(page, 'map-resolution');
  const mapCompute = element<HTMLButtonElement>(page, 'map-compute');
  const mapCancel = element<HTMLButtonElement>(page, 'map-cancel');
  const mapClear = element<HTMLButtonElement>(page, 'map-clear');
  const mapAuto = element<HTMLInputElement>(page, 'map-auto');
  const progress = element<HTMLProgressElement>(page, 'map-progress');
  const mapStatus = element(page, 'map-status');
  const fig2Start = element<HTMLButtonElement>(page, 'fig2-start');
  const fig2Stop = element<HTMLButtonElement>(page, 'fig2-stop');
  const fig2Speed = element<HTMLSelectElement>(page, 'fig2-speed');
  const fig2Status = element(page, 'fig2-status');
  const fig2Help = fig2Status.innerHTML;
  const selectedHandle = element(page, 'selected-handle');
  const message = element(page, 'message');
  const timing = element(page, 'timing');
  const viewBox = element(page, 'view-box');
  const dropOverlay = element(page, 'drop-overlay');

  let messageTimer: ReturnType<typeof setTimeout> | null = null;
  const showMessage = (text: string, error: boolean) => {
    message.textContent = text;
    message.className = error ? 'error' : '';
    message.hidden = false;
    if (messageTimer !== null) clearTimeout(messageTimer);
    messageTimer = setTimeout(() => (message.hidden = true), error ? 8000 : 3000);
  };
  app.onError = (text) => showMessage(text, true);

  // Scene.
  for (const choice of SCENE_CHOICES) sceneSelect.add(new Option(choice.label, choice.id));
  sceneSelect.value = app.state.sceneName;
  sceneSelect.addEventListener('change', () => {
    const choice = sceneChoice(sceneSelect.value);
    app.loadScene(choice.make(), choice.id, animation.leave());
  });
  const loadFile = async (file: File) => {
    try {
      const scene = sceneFromFile(file.name, await file.text());
      app.loadScene(scene, file.name, animation.leave());
      showMessage(`${file.name}: ${scene.objects.length} objects, ${scene.transmitters.size} TX, ${scene.receivers.size} RX`, false);
    } catch (error) {
      showMessage((error as Error).message, true);
    }
  };
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file !== undefined) void loadFile(file);
    fileInput.value = '';
  });
  viewBox.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    dropOverlay.hidden = false;
  });
  viewBox.addEventListener('dragleave', (event) => {
    if (event.target === viewBox || !viewBox.contains(event.relatedTarget as Node | null)) dropOverlay.hidden = true;
  });
  viewBox.addEventListener('drop', (event) => {
    event.preventDefault();
    dropOverlay.hidden = true;
    const file = event.dataTransfer?.files[0];
    if (file !== undefined) void loadFile(file);
  });

  // Tracing.
  orderBoxes.forEach((box, k) =>
    box.addEventListener('change', () => {
      const orders = [...app.state.settings.orders];
      orders[k] = box.checked;
      app.setSettings({ orders });
    }),
  );
  method.addEventListener('change', () => app.setSettings({ method: method.value as TraceMethod }));
  approx.addEventListener('change', () => app.setSettings({ approx: approx.checked }));
  alpha.addEventListener('input', () => app.setSettings({ alpha: alphaOfSlider(alpha.value) }));
  gradient.addEventListener('change', () => app.store.set({ showGradient: gradient.checked }));

  // Coverage map.
  for (const size of RESOLUTIONS) resolution.add(new Option(`${size} cells across`, String(size)));
  resolution.value = String(app.resolution);
  resolution.addEventListener('change', () => (app.resolution = Number(resolution.value)));
  mapCompute.addEventListener('click', () => void app.computeCoverage());
  mapCancel.addEventListener('click', () => app.coverage.cancel());
  mapClear.addEventListener('click', () => app.clearCoverage());
  mapAuto.addEventListener('change', () => (app.autoMap = mapAuto.checked));

  // Figure 2.
  fig2Start.addEventListener('click', () => {
    animation.stepMs = Number(fig2Speed.value);
    sceneSelect.value = 'figure-2';
    animation.start();
  });
  fig2Stop.addEventListener('click', () => animation.stop());
  fig2Speed.addEventListener('change', () => (animation.stepMs = Number(fig2Speed.value)));

  // Export.
  element<HTMLButtonElement>(page, 'export-svg').addEventListener('click', () => {
    viewToSvg(app).then(
      (svg) => download(exportName(app.state.sceneName, 'svg'), svg, 'image/svg+xml'),
      (error: unknown) => showMessage(`SVG export: ${(error as Error).message}`, true),
    );
  });
  element<HTMLButtonElement>(page, 'export-png').addEventListener('click', () => {
    viewToPng(app).then(
      (png) => download(exportName(app.state.sceneName, 'png'), png, 'image/png'),
      (error: unknown) => showMessage(`PNG export: ${(error as Error).message}`, true),
    );
  });

  // Keyboard help.
  const help = element(page, 'key-help');
  for (const [keys, what] of KEY_HELP) {
    const term = document.createElement('dt');
    term.textContent = keys;
    const description = document.createElement('dd');
    description.textContent = what;
    help.append(term, description);
  }

  // State -> controls.
  const reflect = () => {
    const state = app.state;
    const settings = state.settings;
    orderBoxes.forEach((box, k) => (box.checked = settings.orders[k] === true));
    method.value = settings.method;
    approx.checked = settings.approx;
    alpha.disabled = !settings.approx;
    if (alphaOfSlider(alpha.value) !== settings.alpha) alpha.value = String(Math.log10(settings.alpha));
    alphaValue.value = settings.alpha.toFixed(settings.alpha < 10 ? 2 : 0);
    gradient.checked = state.showGradient;
    if (!SCENE_CHOICES.some((choice) => choice.id === state.sceneName)) {
      // A file: shown in the list (not selectable again, it is not kept).
      let fileOption = sceneSelect.querySelector<HTMLOptionElement>('option[data-file]');
      if (fileOption === null) {
        fileOption = new Option('', '');
        fileOption.dataset.file = 'true';
        fileOption.disabled = true;
        sceneSelect.add(fileOption);
      }
      fileOption.textContent = `file: ${state.sceneName}`;
      fileOption.value = `file:${state.sceneName}`;
    }
    sceneSelect.value = SCENE_CHOICES.some((choice) => choice.id === state.sceneName) ? state.sceneName : `file:${state.sceneName}`;

    const running = state.progress?.running === true;
    mapCancel.disabled = !running;
    mapClear.disabled = state.coverage === null && !running;
    const fraction = state.progress === null ? 0 : state.progress.rowsDone / Math.max(1, state.progress.rows);
    progress.value = fraction;
    progress.dataset.fraction = String(fraction);
    const coverage = state.coverage;
    mapStatus.textContent = running
      ? `computing… ${Math.round(100 * fraction)} %`
      : coverage === null
        ? state.progress === null
          ? 'no map'
          : 'cancelled'
        : `${coverage.grid.x.length} x ${coverage.grid.y.length} in ${coverage.ms.toFixed(0)} ms (${coverage.workers === 0 ? 'page thread' : `${coverage.workers} workers`})${coverage.stale ? ', out of date' : ''}`;
    mapStatus.dataset.state = running ? 'running' : coverage === null ? 'none' : coverage.stale ? 'stale' : 'done';

    const run = state.optimization;
    fig2Stop.disabled = run?.running !== true;
    if (run === null) {
      fig2Status.innerHTML = fig2Help;
      delete fig2Status.dataset.step;
    } else {
      const [x, y] = run.trajectory[run.trajectory.length - 1]!;
      fig2Status.textContent = `step ${run.step} / ${run.steps}: TX (${x.toFixed(4)}, ${y.toFixed(4)}), min P/P0 ${run.objective.toExponential(3)}${run.running ? '' : run.step >= run.steps ? ' (done)' : ' (stopped)'}`;
      fig2Status.dataset.step = String(run.step);
    }

    const selected = state.selected;
    const at = selected === null ? null : handlePosition(state.scene, selected);
    selectedHandle.textContent = selected === null || at === null ? '' : `selected: ${handleLabel(state.scene, selected)} at (${at[0].toFixed(3)}, ${at[1].toFixed(3)})`;

    const trace = median(app.timings.trace.slice(-60));
    const draw = median(app.timings.draw.slice(-60));
    timing.textContent = Number.isNaN(trace) ? '' : `update: trace ${trace.toFixed(1)} ms + draw ${Number.isNaN(draw) ? '–' : draw.toFixed(1)} ms (median of the last 60)`;
  };
  app.store.subscribe(reflect);
  reflect();
}
