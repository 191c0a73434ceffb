/** The executable contract every app must pass; see `describeConformance`. */
export { describeConformance, allChecks } from './suite.js';
export { helloChecks } from './hello-checks.js';
export { templateChecks } from './template-checks.js';
export { chatChecks } from './chat-checks.js';
export { spawnEntry, stopEntry, type Spawned } from './built-entry.js';
export type { Check, CheckContext, Target } from './types.js';
