/** The project's browser-test setup: Debian's Chromium through playwright-core, and the apps to point it at. */
export { CHROMIUM_PATH, chromiumMissing, launchChromium, requireChromium } from './chromium.js';
export { recordingProxy, type Recorded, type RecordingProxy } from './recorder.js';
export { HTTP_APPS, openStage, type Stage } from './stage.js';
