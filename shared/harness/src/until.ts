/**
 * Polls `pred` every 10 ms until it is true; rejects naming `what` after `timeoutMs`. For state a
 * test cannot await (a child's output, a server's client count).
 *
 * @example await until(() => output.includes('listening'), 10_000, 'the start-up line');
 */
export async function until(pred: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
