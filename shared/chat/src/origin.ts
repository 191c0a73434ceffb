/**
 * Cross-site WebSocket hijacking guard. Browsers send `Origin` on every WebSocket handshake and do
 * not apply CORS to it, so without this check any page could open a chat socket as its visitor.
 * Non-browser clients (websocat, the CLI, other servers) send no Origin and are let through.
 */

/**
 * Parses `ALLOWED_ORIGINS` (comma-separated, e.g. `https://a.example,http://localhost:5173`) into
 * normalised origins. Throws on an entry that is not an origin, so a typo fails at start-up.
 *
 * @example
 * parseAllowedOrigins('https://A.example:443/, http://localhost:5173'); // ['https://a.example', 'http://localhost:5173']
 */
export function parseAllowedOrigins(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      let origin: string;
      try {
        origin = new URL(entry).origin;
      } catch {
        origin = 'null';
      }
      if (origin === 'null')
        throw new Error(`ALLOWED_ORIGINS: "${entry}" is not an origin like https://example.com`);
      return origin;
    });
}

/**
 * True when a handshake with this `Origin` and `Host` may proceed: no Origin, an Origin whose
 * host:port is the request's own Host (any scheme: TLS may end at a proxy), or a listed origin.
 *
 * @example
 * isOriginAllowed('http://127.0.0.1:3000', '127.0.0.1:3000', []); // true
 * isOriginAllowed('http://evil.example', '127.0.0.1:3000', []);   // false
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes "null", the opaque origin of file:// pages and sandboxed frames
  }
  if (allowed.includes(url.origin)) return true;
  if (!host) return false;
  try {
    // Parsing the Host under the Origin's scheme normalises case and default ports on both sides.
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}
