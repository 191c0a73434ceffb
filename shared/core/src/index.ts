/** Framework-free pieces every app shares: error envelope, hello rules, fortunes work, templates, serving. */
export * from './errors.js';
export * from './client-error.js';
export * from './hello.js';
export * from './pages.js';
export * from './templates.js';
export * from './serve.js';
export * from './startup.js';
export * from './limits.js';
export * from './edges.js';
export * from './guard.js';
export * from './cluster.js';
export * from './web-guard.js';
