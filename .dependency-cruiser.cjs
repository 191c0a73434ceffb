// Import rules between packages and between the bench's stages, checked by `npm run lint`
// (docs/architecture.md draws them). Each rule names the layering it protects; a new exception needs
// a reason in its comment, not a wider regex.
const PACKAGE = '^(apps/[^/]+|shared/[^/]+|tools|bench|slides)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle means two modules are one module in two files: merge them or move the shared part to a leaf.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-reaching-into-packages',
      severity: 'error',
      comment:
        'A package uses another only through its name and `exports` (`@repo/core`, `bench/outputs`), never by a relative ' +
        'path into its src/, test/ or dist/: the exports map is the contract, and turbo builds in that order.',
      from: { path: `${PACKAGE}` },
      to: {
        dependencyTypes: ['local'],
        path: PACKAGE,
        pathNot: '^$1',
      },
    },
    {
      name: 'core-stands-alone',
      severity: 'error',
      comment:
        '@repo/core is the framework-free HTTP edge (guard, envelope, templates, serving). tcp-app depends on it, so it ' +
        'must not pull in the chat (ws, json-rpc-2.0, a Redis client): the guard takes the upgrade path and a vetting hook.',
      from: { path: '^shared/core/' },
      to: { path: '^(shared/(chat|http-app|harness|conformance|e2e)|apps|bench|slides|tools)/' },
    },
    {
      name: 'shared-never-imports-consumers',
      severity: 'error',
      comment:
        'Libraries under shared/ are used by apps, the bench, the deck and the tools, never the other way round.',
      from: { path: '^shared/' },
      to: { path: '^(apps|bench|slides|tools)/' },
    },
    {
      name: 'apps-are-independent',
      severity: 'error',
      comment:
        "Each app is one framework's wiring; what two apps share belongs in shared/, not in a sibling app.",
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'bench-pure-stages',
      severity: 'error',
      comment:
        'bench/src/stats and bench/src/report are pure functions over results: they never start processes, load ' +
        'servers or plan runs, so they can be tested on fixtures and reused by compare and the deck.',
      from: { path: '^bench/src/(stats|report)/' },
      to: { path: '^bench/src/(load|run|targets|cli)/' },
    },
    {
      name: 'bench-stats-below-report',
      severity: 'error',
      comment: 'Statistics do not know how they are presented: report/ may import stats/, not the reverse.',
      from: { path: '^bench/src/stats/' },
      to: { path: '^bench/src/report/' },
    },
    {
      name: 'bench-pure-stages-no-io',
      severity: 'error',
      comment:
        'stats/ and report/ do no I/O: files, processes and sockets belong to run/, targets/, load/ and cli/.',
      from: { path: '^bench/src/(stats|report)/' },
      to: {
        dependencyTypes: ['core'],
        path: '^(node:)?(fs|fs/promises|child_process|net|http|https|dgram|cluster|worker_threads|os)$',
      },
    },
    {
      name: 'bench-model-is-a-leaf',
      severity: 'error',
      comment: 'model/ holds the types and constants every stage shares; it depends on no stage.',
      from: { path: '^bench/src/model/' },
      to: { path: '^bench/src/(?!model/)' },
    },
    {
      name: 'bench-targets-and-load-stay-low',
      severity: 'error',
      comment:
        'targets/ knows processes, load/ knows generators: neither plans a run, reports, or writes outputs.',
      from: { path: '^bench/src/(targets|load)/' },
      to: { path: '^bench/src/(cli|run|report|output|testing)/' },
    },
    {
      name: 'bench-targets-below-load',
      severity: 'error',
      comment: 'Starting a server does not depend on how it is loaded or on statistics.',
      from: { path: '^bench/src/targets/' },
      to: { path: '^bench/src/(load|stats)/' },
    },
    {
      name: 'bench-output-writes-only',
      severity: 'error',
      comment: 'output/ writes what report/ made; it never runs, loads or parses arguments.',
      from: { path: '^bench/src/output/' },
      to: { path: '^bench/src/(cli|run|load)/' },
    },
    {
      name: 'bench-cli-on-top',
      severity: 'error',
      comment:
        'cli/ is the entry; nothing below imports it (testing/ builds fake runs from parsed arguments).',
      from: { path: '^bench/src/(?!cli/|testing/)' },
      to: { path: '^bench/src/cli/' },
    },
    {
      name: 'bench-testing-for-tests',
      severity: 'error',
      comment:
        "Fake runs are for tests (and the deck's fit test through bench/fake-runs), never for the bench itself.",
      from: { path: '^bench/src/(?!testing/)' },
      to: { path: '^bench/src/testing/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|\\.turbo|\\.cache|generated|results)/' },
    includeOnly: '^(apps|shared|tools|bench|slides)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    // Workspace packages resolve through their `exports`; the `source` condition points at src/ so the
    // graph shows package-to-package edges between source files, as tsx and vitest load them.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'types', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
