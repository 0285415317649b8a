/**
 * The list of valid paths beside the view: order, objects met, power (dB
 * relative to P0 and linear), the total; pointing at a row highlights its
 * path. Each row carries its exact numbers in `data-*` attributes.
 *
 * @module
 */
import { escapeXml, pathOrderColor, rgbToHex } from '@differt2d/scene';
import type { ViewerApp } from './app.js';
import type { ViewerState } from './state.js';

/** Rows shown at most (a large scene can have thousands of paths). */
export const MAX_ROWS = 500;

/** P0, the power at zero distance. */
const P0 = 100;

/**
 * A power in dB relative to P0, for the page (`-inf` for 0).
 *
 * @example
 * ```ts
 * formatDb(1); // '-20.00'
 * ```
 */
export function formatDb(power: number): string {
  return power > 0 ? (10 * Math.log10(power / P0)).toFixed(2) : '-inf';
}

/**
 * Keep the path list, its count and total in step with the state.
 *
 * @example
 * ```ts
 * attachPathList(app, document);
 * ```
 */
export function attachPathList(app: ViewerApp, page: Document): void {
  const body = page.getElementById('path-list') as HTMLTableSectionElement;
  const count = page.getElementById('path-count')!;
  const total = page.getElementById('path-total')!;
  const highlight = (index: number | null) => {
    if (app.state.highlightedPath !== index) app.store.set({ highlightedPath: index });
  };
  body.addEventListener('pointerover', (event) => {
    const row = (event.target as Element).closest('tr');
    if (row?.dataset.index !== undefined) highlight(Number(row.dataset.index));
  });
  body.addEventListener('pointerleave', () => highlight(null));

  let shown: ViewerState['trace'] = null;
  let shownHighlight: number | null = null;
  app.store.subscribe((state) => {
    if (state.trace !== shown) {
      shown = state.trace;
      render(state);
    }
    if (state.highlightedPath !== shownHighlight) {
      body.querySelector('tr.highlighted')?.classList.remove('highlighted');
      if (state.highlightedPath !== null) body.querySelector(`tr[data-index="${state.highlightedPath}"]`)?.classList.add('highlighted');
      shownHighlight = state.highlightedPath;
    }
  });

  function render(state: ViewerState): void {
    const trace = state.trace;
    const paths = trace?.paths ?? [];
    const multiplePairs = state.scene.transmitters.size * state.scene.receivers.size > 1;
    const rows = document.createDocumentFragment();
    paths.slice(0, MAX_ROWS).forEach((path, index) => {
      const row = document.createElement('tr');
      row.dataset.index = String(index);
      row.dataset.tx = path.tx;
      row.dataset.rx = path.rx;
      row.dataset.candidate = path.candidate.join(',');
      row.dataset.power = String(path.power);
      row.dataset.validity = String(path.validity);
      const order = path.candidate.length;
      const cells = [
        String(index + 1),
        `<i class="swatch" style="background:${rgbToHex(pathOrderColor(order))}"></i>${order === 0 ? 'LOS' : order}`,
        (path.candidate.length === 0 ? '–' : path.candidate.join(' → ')) + (multiplePairs ? ` <span class="hint">${escapeXml(path.tx)}→${escapeXml(path.rx)}</span>` : ''),
        formatDb(path.power),
        path.power.toPrecision(4),
      ];
      row.innerHTML = cells.map((cell, k) => `<td${k >= 3 ? ' class="number"' : ''}>${cell}</td>`).join('');
      rows.append(row);
    });
    body.replaceChildren(rows);
    count.textContent = `(${paths.length}${paths.length > MAX_ROWS ? `, first ${MAX_ROWS} shown` : ''})`;
    count.dataset.count = String(paths.length);
    if (trace === null) total.textContent = '';
    else if (trace.error !== null) total.textContent = trace.error;
    else total.innerHTML = `received power <b>${trace.total.toPrecision(6)}</b> (${formatDb(trace.total)} dB rel. P<sub>0</sub>)`;
    total.dataset.total = String(trace?.total ?? 0);
  }
  render(app.state);
  shown = app.state.trace;
}
