import { fileURLToPath } from 'node:url';
import { describeConformance, describeDatabaseConformance, type Target } from '@repo/conformance';
import { createServer } from '../src/app.js';

const target: Target = {
  name: 'koa-app',
  kind: 'http',
  createServer,
  builtEntry: fileURLToPath(new URL('../dist/server.js', import.meta.url)),
};

describeConformance(target);
describeDatabaseConformance(target);
