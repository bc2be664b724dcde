const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
/** Round steps a reader counts in: sub-second up to weeks. */
const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S, M, 2 * M, 5 * M, 10 * M, 15 * M, 30 * M, H, 2 * H, 3 * H, 6 * H, 12 * H, D, 2 * D, 7 * D, 14 * D, 28 * D, 91 * D, 182 * D, 364 * D];

export interface Tick {
  readonly t: number;
  readonly label: string;
}

/**
 * Ticks at a round step (1 s, 5 min, 6 h, ...) over [t0, t1], at most `max`, labelled (UTC) with
 * as much of the time as the step needs, so no two labels are the same. Pure.
 */
export function timeTicks(t0: number, t1: number, max = 8): Tick[] {
  const span = Math.max(t1 - t0, 1);
  const step = STEPS.find((s) => span / s <= max) ?? span;
  const first = Math.ceil(t0 / step) * step;
  const ticks: Tick[] = [];
  for (let i = 0; i <= max + 1; i++) {
    const t = first + i * step;
    if (t > t1) break;
    ticks.push({ t, label: tickLabel(t, step, span) });
  }
  return ticks;
}

function tickLabel(t: number, step: number, span: number): string {
  const iso = new Date(t).toISOString(); // 2026-11-25T09:00:00.000Z
  const clock = step < S ? iso.slice(11, 23) : step < M ? iso.slice(11, 19) : iso.slice(11, 16);
  if (step >= D) return iso.slice(0, 10);
  // Past a day the date tells the ticks apart; within one, the clock does.
  return span >= D ? `${iso.slice(5, 10)} ${clock}` : clock;
}
