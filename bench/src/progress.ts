/**
 * Live progress: a cli-progress bar (app, scenario, round, current rate, ETA) on a terminal, plain
 * lines otherwise (CI logs, tests). The bar counts planned seconds, so the ETA is honest.
 */
import cliProgress from 'cli-progress';
import type { Cell } from './runner.js';
import { scenarioId } from './scenario-list.js';
import type { Round } from './schema.js';

export interface StepInfo {
  app: string;
  scenario: string;
  round: number;
  phase: 'validate' | 'warm-up' | 'measure';
  /** Planned seconds of this phase. */
  seconds?: number;
}

/** What the runner reports; see {@link createProgress}. */
export interface ProgressSink {
  step(info: StepInfo): void;
  rate(perSecond: number, unit: string): void;
  done(cell: Cell, round: Round): void;
  log(line: string): void;
  stop(): void;
}

const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');

/** One line per measured round, for logs and the plain display. */
export function roundLine(cell: Cell, round: Round): string {
  const v = cell.variant.base === 'ws-capacity' ? `${fmt(round.value)} clients` : `${fmt(round.value)}/s`;
  const status = round.status === 'ok' ? '' : ` INVALID: ${round.reason}`;
  const ms = (n: number | null) => (n === null ? '–' : `${n.toFixed(2)} ms`);
  const p = `p50 ${ms(round.latencyMs.p50)}, p99 ${ms(round.latencyMs.p99)}`;
  return `${cell.target.app} ${scenarioId(cell.variant)} r${round.round} (Node ${cell.target.node.version}): ${v}, ${p}${status}`;
}

/**
 * A progress display for `totalSeconds` of planned measuring.
 *
 * @example const progress = createProgress(420, process.stderr.isTTY, (l) => console.error(l));
 */
export function createProgress(
  totalSeconds: number,
  tty: boolean,
  write: (line: string) => void,
): ProgressSink {
  const started = performance.now();
  let doneSeconds = 0;
  let current: StepInfo | null = null;
  let phaseStart = performance.now();
  let rate = '';
  const elapsedInPhase = () => Math.min(current?.seconds ?? 0, (performance.now() - phaseStart) / 1000);
  const eta = () => {
    const done = doneSeconds + elapsedInPhase();
    // Planned seconds leave out start-ups and set-up; scale by how the run has gone so far.
    const pace = done > 1 ? (performance.now() - started) / 1000 / done : 1;
    return Math.max(0, Math.round((totalSeconds - done) * pace));
  };
  // A MultiBar with one bar: only MultiBar can print log lines above a live bar.
  const multi = tty
    ? new cliProgress.MultiBar(
        {
          format: '{bar} {percentage}% | {app} {scenario} r{round} {phase} | {rate} | ETA {etaText}',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const bar = multi?.create(Math.max(1, Math.round(totalSeconds)), 0, {
    app: '',
    scenario: '',
    round: '',
    phase: 'starting',
    rate: '',
    etaText: '?',
  });
  const timer = setInterval(() => render(), 500);
  timer.unref();

  function render(): void {
    if (!bar || !current) return;
    const s = eta();
    bar.update(Math.round(doneSeconds + elapsedInPhase()), {
      ...current,
      rate,
      etaText: `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`,
    });
  }

  return {
    step(info) {
      if (current?.seconds) doneSeconds += current.seconds;
      current = info;
      phaseStart = performance.now();
      rate = '';
      render();
    },
    rate(perSecond, unit) {
      rate = `${fmt(perSecond)} ${unit}`;
      render();
    },
    done(cell, round) {
      const line = roundLine(cell, round);
      if (multi) multi.log(`${line}\n`);
      else write(`[ETA ${eta()} s] ${line}`);
    },
    log(line) {
      if (multi) multi.log(`${line}\n`);
      else write(line);
    },
    stop() {
      clearInterval(timer);
      multi?.stop();
    },
  };
}
