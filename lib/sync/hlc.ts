/**
 * A hybrid logical clock: wall time in ms, a counter for events within the
 * same ms (or while the wall clock lags behind one seen from another device),
 * and the device id, encoded as a string that sorts in clock order. Every
 * stamp a device makes is unique and greater than every stamp it has seen, so
 * a skewed clock on one device orders its edits late or early, never twice.
 *
 *   000001764781200000.0000.dev-a   (wall 15 digits . counter 4 base 36 . device)
 */
export interface Clock {
  wall: number;
  counter: number;
  device: string;
}

/** One stamp: unique across devices, ordered with plain string comparison. */
export type Stamp = string;

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 4;
const COUNTER_MAX = 36 ** COUNTER_DIGITS - 1;
/** Device ids: short, and without the separator. */
export const DEVICE_ID = /^[a-z0-9-]{4,40}$/;

export function startClock(device: string, wall = 0): Clock {
  if (!DEVICE_ID.test(device)) throw new Error(`not a device id: ${device}`);
  return { wall, counter: 0, device };
}

export function encodeStamp(clock: Clock): Stamp {
  return `${String(clock.wall).padStart(WALL_DIGITS, '0')}.${clock.counter.toString(36).padStart(COUNTER_DIGITS, '0')}.${clock.device}`;
}

export function decodeStamp(stamp: Stamp): Clock | null {
  const match = /^(\d{15})\.([0-9a-z]{4})\.([a-z0-9-]{4,40})$/.exec(stamp);
  if (!match) return null;
  return { wall: Number(match[1]), counter: parseInt(match[2]!, 36), device: match[3]! };
}

export const isStamp = (value: unknown): value is Stamp => typeof value === 'string' && decodeStamp(value) !== null;

/** The wall time of a stamp, ms since the epoch. */
export const wallOf = (stamp: Stamp): number => Number(stamp.slice(0, WALL_DIGITS));

function advance(wall: number, counter: number, previous: Clock): Clock {
  if (counter > COUNTER_MAX) return { wall: wall + 1, counter: 0, device: previous.device };
  return { wall, counter, device: previous.device };
}

/** The clock after a local event at `now`, and that event's stamp. */
export function tick(clock: Clock, now: number): { clock: Clock; stamp: Stamp } {
  const next = now > clock.wall ? advance(now, 0, clock) : advance(clock.wall, clock.counter + 1, clock);
  return { clock: next, stamp: encodeStamp(next) };
}

/** The clock after seeing a stamp from elsewhere: later than it and than the local past. */
export function receive(clock: Clock, stamp: Stamp, now: number): Clock {
  const seen = decodeStamp(stamp);
  if (!seen) return clock;
  const wall = Math.max(clock.wall, seen.wall, now);
  let counter = 0;
  if (wall === clock.wall && wall === seen.wall) counter = Math.max(clock.counter, seen.counter) + 1;
  else if (wall === clock.wall) counter = clock.counter + 1;
  else if (wall === seen.wall) counter = seen.counter + 1;
  return advance(wall, counter, clock);
}

/** A source of stamps for one batch of local changes, the clock kept up to date. */
export function stamper(clock: Clock, now: number) {
  let current = clock;
  return {
    next(): Stamp {
      const ticked = tick(current, now);
      current = ticked.clock;
      return ticked.stamp;
    },
    /** A stamp for an event the reader made earlier, at `wall` (never later than now). */
    at(wall: number): Stamp {
      const ticked = tick(current, Math.min(wall, now));
      current = ticked.clock;
      return ticked.stamp;
    },
    see(stamp: Stamp) {
      current = receive(current, stamp, now);
    },
    get clock() {
      return current;
    },
  };
}
export type Stamper = ReturnType<typeof stamper>;
