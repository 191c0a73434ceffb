// #region server
import { runServer } from '@repo/core';
import { createServer } from './app.js';

// PORT/HOST, the start-up line and graceful shutdown are shared, so every app starts and stops alike.
await runServer({ name: 'express-app', defaultPort: 3001, createServer, websocket: true });
// #endregion
