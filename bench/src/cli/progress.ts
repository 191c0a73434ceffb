/**
 * Live progress: a cli-progress bar (phase, current rate, time left at most) on a terminal, plain
 * lines otherwise (CI logs, tests). The bar runs against the plan's budget: a run whose intervals
 * all narrow early finishes before it.
 */
import cliProgress from 'cli-progress';
import type { ProgressSink } from '../run/cells.js';
import { minutes } from '../run/plan.js';

const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');

/**
 * A progress display for a run planned to take at most `budgetSeconds`.
 *
 * @example const progress = createProgress(445, process.stderr.isTTY, (l) => console.error(l));
 */
export function createProgress(
  budgetSeconds: number,
  tty: boolean,
  write: (line: string) => void,
): ProgressSink {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  let phase = 'starting';
  let rate = '';
  // A MultiBar with one bar: only MultiBar can print log lines above a live bar.
  const multi = tty
    ? new cliProgress.MultiBar(
        { format: '{bar} {phase} | {rate} | {left} left at most', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const bar = multi?.create(Math.max(1, Math.round(budgetSeconds)), 0, { phase, rate, left: '?' });
  const render = () =>
    bar?.update(Math.min(budgetSeconds, Math.round(elapsed())), {
      phase,
      rate,
      left: minutes(Math.max(0, budgetSeconds - elapsed())),
    });
  const timer = setInterval(render, 500);
  timer.unref();
  return {
    phase(label) {
      phase = label;
      rate = '';
      render();
    },
    rate(perSecond, unit) {
      rate = `${fmt(perSecond)} ${unit}`;
      render();
    },
    log(line) {
      if (multi) multi.log(`${line}\n`);
      else write(`[${minutes(elapsed())}] ${line}`);
    },
    stop() {
      clearInterval(timer);
      multi?.stop();
    },
  };
}
