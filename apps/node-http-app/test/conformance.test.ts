import { fileURLToPath } from 'node:url';
import { describeConformance } from '@repo/conformance';
import { createServer } from '../src/app.js';

describeConformance({
  name: 'node-http-app',
  kind: 'http',
  createServer,
  builtEntry: fileURLToPath(new URL('../dist/server.js', import.meta.url)),
});
