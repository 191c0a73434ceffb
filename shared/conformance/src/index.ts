/** The executable contract every app must pass; see `describeConformance`. */
export { describeConformance, allChecks } from './suite.js';
export { helloChecks } from './hello-checks.js';
export { templateChecks } from './template-checks.js';
export { chatChecks } from './chat-checks.js';
export { dbChecks, QUERIES_CASES } from './db-checks.js';
export { describeDatabaseConformance, UNAVAILABLE_WITHIN_MS } from './db-postgres.js';
export { edgeChecks } from './edge-checks.js';
export { abuseChecks } from './abuse-checks.js';
export { EDGE_CORPUS, request, type EdgeRequest } from './edge-corpus.js';
export { EDGE_EXCEPTIONS, RUNTIME_EXCEPTIONS, type RuntimeException } from './exceptions.js';
export { describeRuntimeConformance, type RuntimeTarget } from './runtime-suite.js';
export { ask, summarize, type Answer } from './raw-answer.js';
export { spawnCommand, spawnEntry, stopEntry, type Spawned } from './built-entry.js';
export type { Check, CheckContext, Target } from './types.js';
export { WsPool, withPool, wsUrl, uniqueRoom } from './ws-pool.js';
