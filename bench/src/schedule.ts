/** Run order and time planning: shuffling between rounds, planned seconds for the ETA. */
import type { ScenarioVariant } from './scenario-list.js';
import type { Settings } from './schema.js';

/** Fisher–Yates; `random` is injectable for tests. */
export function shuffle<T>(items: readonly T[], random = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * ws-capacity is a ramp to a ceiling, not a rate to average: one ramp per app (round 1) tells as much as three
 * and saves most of a full run's time. Every other scenario is measured in every round.
 */
export function measuredInRound(v: ScenarioVariant, round: number): boolean {
  return v.base !== 'ws-capacity' || round === 1;
}

/**
 * Seconds of broadcast waves after each ws-capacity step. One second is several waves even at
 * 20,000 clients (each wave waits for the last acknowledgement), enough for a p95 over 200 rooms.
 */
export function capacityHoldSeconds(s: Settings): number {
  return Math.min(s.durationS, 1);
}

/** Seconds a scenario is planned to take per round (for the ETA). */
export function plannedSeconds(v: ScenarioVariant, s: Settings): number {
  if (v.base === 'ws-capacity')
    return Math.ceil(s.capacityMax / s.capacityStep) * (capacityHoldSeconds(s) + 1);
  return s.warmupS + s.durationS;
}
