/**
 * The page's entry (bundled as `viewer.js`): build the viewer on the page's
 * canvas with the scene of the URL's `?scene=` (default `basic`), and wire
 * the controls, the pointer and the keyboard.
 *
 * @module
 */
import { Figure2Animation } from './animation.js';
import { ViewerApp } from './app.js';
import { attachControls } from './controls.js';
import { attachInteraction } from './interaction.js';
import { attachPathList } from './pathList.js';
import { SCENE_CHOICES, sceneChoice } from './scenes.js';
import { installTestHook } from './testHook.js';

function start(): void {
  const requested = new URLSearchParams(location.search).get('scene') ?? 'basic';
  const choice = SCENE_CHOICES.some((entry) => entry.id === requested) ? sceneChoice(requested) : sceneChoice('basic');
  const canvas = document.getElementById('view') as HTMLCanvasElement;
  const app = new ViewerApp(canvas, choice.make(), choice.id);
  const animation = new Figure2Animation(app);
  attachControls(app, animation, document);
  attachPathList(app, document);
  attachInteraction(app, { onEdit: () => animation.stop(), onEscape: () => animation.stop() });
  new ResizeObserver(() => app.resize()).observe(canvas);
  app.resize();
  installTestHook(app, animation);
  document.documentElement.dataset.ready = 'true';
}

start();
