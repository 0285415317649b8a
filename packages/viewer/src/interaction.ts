/**
 * Pointer and keyboard on the view: drag a TX, RX or wall end (moves are
 * applied at most once per animation frame), hover feedback, and keys to
 * select and move handles, toggle orders and start a map.
 *
 * @module
 */
import type { ViewerApp } from './app.js';
import { handleAt } from './drawing.js';
import { handlePosition, sameHandle, sceneHandles, type Handle, type XY } from './handles.js';
import { MAX_ORDER } from './tracing.js';

/**
 * What the keys do, for the page's help.
 *
 * @example
 * ```ts
 * KEY_HELP[0]; // ['Arrows', 'move the selected TX / RX / wall end (Shift: 5x, Alt: 1/5)']
 * ```
 */
export const KEY_HELP: readonly (readonly [string, string])[] = Object.freeze([
  ['Arrows', 'move the selected TX / RX / wall end (Shift: 5x, Alt: 1/5)'],
  ['N / P', 'select the next / previous handle'],
  ['T / R', 'select the first TX / RX'],
  ['0 to 3', 'toggle the paths of that order'],
  ['G', 'show / hide the gradient arrow'],
  ['M', 'compute the coverage map'],
  ['Esc', 'stop the map or the animation'],
]);

/** Fraction of the view's longer side one arrow key press moves a handle. */
export const KEY_STEP = 0.01;

/**
 * Callbacks of the view's input for actions that live outside the app.
 *
 * @example
 * ```ts
 * attachInteraction(app, { onEdit: () => animation.stop(), onEscape: () => animation.stop() });
 * ```
 */
export interface InteractionHooks {
  /** The user starts moving something (the animation stops). */
  onEdit(): void;
  /** Escape was pressed. */
  onEscape(): void;
}

/**
 * Attach pointer and keyboard handling to the app's canvas.
 *
 * @example
 * ```ts
 * attachInteraction(app, hooks);
 * ```
 */
export function attachInteraction(app: ViewerApp, hooks: InteractionHooks): void {
  const canvas = app.canvas;
  let drag: { handle: Handle; pointer: number; offset: XY } | null = null;
  let pending: XY | null = null;
  let frameRequested = false;

  const dataAt = (event: PointerEvent): XY => {
    const box = canvas.getBoundingClientRect();
    const frame = app.layout().layout.frame;
    return [frame.dataX(event.clientX - box.left), frame.dataY(event.clientY - box.top)];
  };
  const flush = () => {
    if (drag !== null && pending !== null) app.moveHandle(drag.handle, [pending[0] + drag.offset[0], pending[1] + drag.offset[1]], true);
    pending = null;
  };

  canvas.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    canvas.focus();
    const box = canvas.getBoundingClientRect();
    const handle = handleAt(app.state.scene, app.layout().layout.frame, event.clientX - box.left, event.clientY - box.top);
    if (handle === null) return;
    event.preventDefault();
    hooks.onEdit();
    const at = handlePosition(app.state.scene, handle)!;
    const pointer = dataAt(event);
    // Keep the grab point under the pointer: the handle does not jump to it.
    drag = { handle, pointer: event.pointerId, offset: [at[0] - pointer[0], at[1] - pointer[1]] };
    canvas.setPointerCapture(event.pointerId);
    canvas.style.cursor = 'grabbing';
    app.store.set({ selected: handle, hovered: handle, dragging: true });
  });

  canvas.addEventListener('pointermove', (event) => {
    if (drag !== null && event.pointerId === drag.pointer) {
      pending = dataAt(event);
      if (!frameRequested) {
        frameRequested = true;
        requestAnimationFrame(() => {
          frameRequested = false;
          flush();
        });
      }
      return;
    }
    const box = canvas.getBoundingClientRect();
    const handle = handleAt(app.state.scene, app.layout().layout.frame, event.clientX - box.left, event.clientY - box.top);
    canvas.style.cursor = handle === null ? 'default' : 'grab';
    if (!sameHandle(handle, app.state.hovered)) app.store.set({ hovered: handle });
  });

  const release = (event: PointerEvent) => {
    if (drag === null || event.pointerId !== drag.pointer) return;
    pending = dataAt(event);
    flush();
    drag = null;
    canvas.style.cursor = 'grab';
    if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
    app.dragEnded();
  };
  canvas.addEventListener('pointerup', release);
  canvas.addEventListener('pointercancel', release);
  canvas.addEventListener('pointerleave', () => {
    if (drag === null && app.state.hovered !== null) app.store.set({ hovered: null });
  });

  canvas.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey) return;
    const state = app.state;
    const arrows: Record<string, XY> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const direction = arrows[event.key];
    if (direction !== undefined) {
      if (state.selected === null) return;
      event.preventDefault();
      hooks.onEdit();
      const at = handlePosition(state.scene, state.selected);
      if (at === null) return;
      const { xmin, xmax, ymin, ymax } = state.extent;
      const step = KEY_STEP * Math.max(xmax - xmin, ymax - ymin) * (event.shiftKey ? 5 : event.altKey ? 0.2 : 1);
      app.moveHandle(state.selected, [at[0] + direction[0] * step, at[1] + direction[1] * step]);
      return;
    }
    const key = event.key.toLowerCase();
    if (key === 'n' || key === 'p') {
      const handles = sceneHandles(state.scene);
      if (handles.length === 0) return;
      const index = handles.findIndex((handle) => sameHandle(handle, state.selected));
      const next = index < 0 ? 0 : (index + (key === 'n' ? 1 : handles.length - 1)) % handles.length;
      app.store.set({ selected: handles[next]! });
    } else if (key === 't' || key === 'r') {
      const names = key === 't' ? state.scene.transmitters : state.scene.receivers;
      const first = names.keys().next();
      if (!first.done) app.store.set({ selected: { kind: key === 't' ? 'tx' : 'rx', name: first.value } });
    } else if (/^[0-9]$/.test(key) && Number(key) <= MAX_ORDER) {
      const orders = [...state.settings.orders];
      orders[Number(key)] = !orders[Number(key)];
      app.setSettings({ orders });
    } else if (key === 'g') {
      app.store.set({ showGradient: !state.showGradient });
    } else if (key === 'm') {
      void app.computeCoverage();
    } else if (key === 'escape') {
      app.coverage.cancel();
      hooks.onEscape();
    } else {
      return;
    }
    event.preventDefault();
  });
}
