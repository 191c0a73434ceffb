/**
 * The one list of places where an app may answer differently from node-http-app at the HTTP edges,
 * each with the reason. The differential test fails on any difference not listed here, and on any
 * entry here that no longer differs (so the list cannot rot).
 */
export interface EdgeException {
  app: string;
  /** The corpus request's name (edge-corpus.ts). */
  request: string;
  /** Why this app cannot answer like the others. */
  reason: string;
}

export const EDGE_EXCEPTIONS: readonly EdgeException[] = [];
