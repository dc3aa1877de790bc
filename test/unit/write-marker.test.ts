import { describe, expect, it } from 'vitest';
import { createWriteMarker } from '../../lib/archive/write-marker';

/** A store and a hand-driven timer: the test says when the idle time has passed. */
function fixture(initially: boolean) {
  const store = { value: initially, writes: [] as boolean[] };
  const timers = new Map<number, () => void>();
  let id = 0;
  const marker = createWriteMarker(
    {
      get: async () => store.value,
      set: async (writing) => {
        store.value = writing;
        store.writes.push(writing);
      },
    },
    { set: (callback) => (timers.set((id += 1), callback), id), clear: (handle) => timers.delete(handle as number) },
  );
  const idle = () => {
    for (const [key, callback] of [...timers]) {
      timers.delete(key);
      callback();
    }
  };
  return { store, marker, idle };
}

describe('the write marker', () => {
  it('is set on disk before a write runs, and cleared once writes have stopped', async () => {
    const { store, marker, idle } = fixture(false);
    let seenDuringWrite: boolean | null = null;
    await marker.during(async () => {
      seenDuringWrite = store.value;
    });
    expect(seenDuringWrite).toBe(true);
    expect(store.value).toBe(true);
    idle();
    expect(store.value).toBe(false);
  });

  it('is set once for a burst of writes, and stays set while one is still in flight', async () => {
    const { store, marker, idle } = fixture(false);
    let finish!: () => void;
    const long = marker.during(() => new Promise<void>((resolve) => (finish = resolve)));
    await marker.during(async () => {});
    await marker.during(async () => {});
    idle();
    expect(store.value).toBe(true);
    finish();
    await long;
    idle();
    expect(store.writes).toEqual([true, false]);
  });

  it('tells a new background that the last one stopped while writing', async () => {
    expect(await fixture(true).marker.leftSet()).toBe(true);
    expect(await fixture(false).marker.leftSet()).toBe(false);
  });

  it('is cleared after a failed write as after any other', async () => {
    const { store, marker, idle } = fixture(false);
    await expect(marker.during(async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    idle();
    expect(store.value).toBe(false);
  });
});
