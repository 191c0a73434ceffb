/** Entry of `npm run strings -w tools`: the string-matching WebSocket server of the talk. */
import { startStringsServer } from './strings-server.js';

const wss = startStringsServer();
wss.on('listening', () => {
  const { address, port } = wss.address() as { address: string; port: number };
  console.log(`strings listening on ws://${address}:${port}/ (try: websocat --linemode-strip-newlines)`);
});
process.once('SIGTERM', () => wss.close(() => process.exit(0)));
process.once('SIGINT', () => wss.close(() => process.exit(0)));
