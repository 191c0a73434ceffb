// #region server
import { runServer } from '@repo/core';
import { createServer } from './app.js';

// PORT/HOST (default port: the app's row in APPS), the start-up line and graceful shutdown are shared,
// so every app starts and stops alike.
await runServer({ name: 'express-app', createServer, websocket: true });
// #endregion
