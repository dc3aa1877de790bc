/**
 * How sync paces its requests so that a service such as 坚果云 never blocks
 * it: one request in flight, at least `gapMs` between starts, at most
 * `budget` starts in any `windowMs` (below 坚果云's 600 per 30 minutes on the
 * free plan), and after the server says "too many" no request at all until
 * the time it gave. Time and waiting are injected, so tests run without a clock.
 */
import { SyncError } from './sync-errors';

export interface PacerOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  gapMs?: number;
  budget?: number;
  windowMs?: number;
  /** Start times already spent in the window (kept across restarts of the background). */
  spent?: number[];
  blockedUntil?: number;
}

export const PACE = { gapMs: 200, budget: 500, windowMs: 30 * 60_000 } as const;

export function createPacer({ now, sleep, gapMs = PACE.gapMs, budget = PACE.budget, windowMs = PACE.windowMs, spent = [], blockedUntil = 0 }: PacerOptions) {
  let starts = [...spent];
  let blocked = blockedUntil;
  let queue: Promise<unknown> = Promise.resolve();

  async function start() {
    const time = now();
    if (time < blocked) throw new SyncError('sync-rate-limited', 'the server asked us to wait', blocked);
    starts = starts.filter((t) => t > time - windowMs);
    if (starts.length >= budget) {
      throw new SyncError('sync-rate-limited', `${budget} requests in ${windowMs / 60_000} minutes spent`, starts[0]! + windowMs);
    }
    const last = starts[starts.length - 1];
    if (last !== undefined && time - last < gapMs) await sleep(gapMs - (time - last));
    starts.push(now());
  }

  return {
    /** Runs `request` when its turn comes; requests run one at a time in the order asked. */
    run<T>(request: () => Promise<T>): Promise<T> {
      const turn = queue.then(async () => {
        await start();
        return request();
      });
      queue = turn.catch(() => {});
      return turn;
    },
    /** No request until `until` (ms since the epoch). */
    block(until: number) {
      blocked = Math.max(blocked, until);
    },
    /** What to keep for the next start of the background. */
    state() {
      return { spent: [...starts], blockedUntil: blocked };
    },
    get blockedUntil() {
      return blocked;
    },
  };
}

export type Pacer = ReturnType<typeof createPacer>;
