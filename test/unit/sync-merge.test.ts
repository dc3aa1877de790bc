import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeStamp, encodeStamp, receive, stamper, startClock, tick } from '../../lib/sync/hlc';
import { deltaOf, emptyState, mergeStates, noteOf, viewOf, type ArticleState } from '../../lib/sync/article-state';
import type { ArchivedArticle } from '../../lib/article-model';
import { correctionsOf, localCorrectionEntries, mergeCorrectionEntries, type CorrectionEntry, type CorrectionStates } from '../../lib/sync/correction-state';
import { fakeRecord } from './fixtures';

const ID = '202112302231813952';
const article = (overrides: Partial<ArchivedArticle> = {}): ArchivedArticle => ({
  ...fakeRecord(ID),
  savedAt: 1_764_000_000_000,
  updatedAt: 1_764_000_000_000,
  tags: [],
  note: '',
  ...overrides,
});

describe('the clock', () => {
  it('orders stamps as strings in clock order, and reads them back', () => {
    const clock = startClock('dev-a');
    const first = tick(clock, 1000);
    const second = tick(first.clock, 1000);
    const third = tick(second.clock, 999);
    expect(first.stamp < second.stamp && second.stamp < third.stamp).toBe(true);
    expect(decodeStamp(third.stamp)).toEqual({ wall: 1000, counter: 2, device: 'dev-a' });
  });

  it('moves past a stamp from a device whose clock runs ahead', () => {
    const ahead = encodeStamp({ wall: 5000, counter: 3, device: 'dev-b' });
    const clock = receive(startClock('dev-a', 1000), ahead, 1200);
    expect(tick(clock, 1300).stamp > ahead).toBe(true);
  });

  it('never goes back, whatever the wall clock says', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 50 }), (nows) => {
        let clock = startClock('dev-a');
        let last = '';
        for (const now of nows) {
          const next = tick(clock, now);
          expect(next.stamp > last).toBe(true);
          last = next.stamp;
          clock = next.clock;
        }
      }),
    );
  });
});

/** One device's archive copy of the article and its sync state. */
function device(name: string) {
  let clock = startClock(name, 1_764_000_000_000);
  let state = emptyState(ID);
  let local: ArchivedArticle | undefined;
  const out: ArticleState[] = [];
  return {
    get local() {
      return local;
    },
    get state() {
      return state;
    },
    out,
    edit(change: (current: ArchivedArticle | undefined) => ArchivedArticle | undefined, now: number) {
      local = change(local);
      const stamps = stamper(clock, now);
      const delta = deltaOf(state, local, stamps);
      clock = stamps.clock;
      if (delta) {
        state = mergeStates(state, delta);
        out.push(delta);
      }
      local = viewOf(state) ?? undefined;
    },
    receive(delta: ArticleState) {
      state = mergeStates(state, delta);
      local = viewOf(state) ?? undefined;
    },
  };
}

describe('merging an article edited on two devices', () => {
  it('keeps both devices’ tags (add wins over a concurrent remove)', () => {
    const a = device('dev-a');
    const b = device('dev-b');
    a.edit(() => article({ tags: ['银行'] }), 1_764_000_001_000);
    b.receive(a.out[0]!);
    a.edit((x) => ({ ...x!, tags: [] }), 1_764_000_002_000);
    b.edit((x) => ({ ...x!, tags: ['银行', '地产'] }), 1_764_000_002_000);
    for (const delta of b.out) a.receive(delta);
    b.receive(a.out[1]!);
    expect(a.local?.tags).toEqual(['地产']);
    expect(b.local).toEqual(a.local);
  });

  it('keeps the later note and the other as a marked conflict copy, until the note is edited again', () => {
    const a = device('dev-a');
    const b = device('dev-b');
    a.edit(() => article({ note: '起点' }), 1_764_000_001_000);
    b.receive(a.out[0]!);
    a.edit((x) => ({ ...x!, note: '甲的想法' }), 1_764_000_002_000);
    b.edit((x) => ({ ...x!, note: '乙的想法' }), 1_764_000_003_000);
    a.receive(b.out[0]!);
    b.receive(a.out[1]!);
    expect(a.local?.note).toBe(b.local?.note);
    expect(a.local?.note).toMatch(/^乙的想法\n\n——— 冲突副本 · conflict copy · .* UTC ———\n甲的想法$/);
    a.edit((x) => ({ ...x!, note: '合并后的想法' }), 1_764_000_004_000);
    b.receive(a.out[2]!);
    expect(b.local?.note).toBe('合并后的想法');
    expect(b.state.notes).toHaveLength(1);
  });

  it('lets an edit beat a concurrent delete, and a delete win over what it saw', () => {
    const a = device('dev-a');
    const b = device('dev-b');
    a.edit(() => article({ tags: ['x'] }), 1_764_000_001_000);
    b.receive(a.out[0]!);
    a.edit(() => undefined, 1_764_000_002_000);
    b.edit((x) => ({ ...x!, note: '还要看' }), 1_764_000_002_000);
    a.receive(b.out[0]!);
    b.receive(a.out[1]!);
    expect(a.local).toMatchObject({ note: '还要看', tags: ['x'] });
    expect(b.local).toEqual(a.local);
    b.edit(() => undefined, 1_764_000_003_000);
    a.receive(b.out[1]!);
    expect(a.local).toBeUndefined();
  });

  it('a save after a delete starts from the archive’s tags and note', () => {
    const a = device('dev-a');
    a.edit(() => article({ tags: ['旧'], note: '旧' }), 1_764_000_001_000);
    a.edit(() => undefined, 1_764_000_002_000);
    a.edit(() => article(), 1_764_000_003_000);
    expect(a.local).toMatchObject({ tags: [], note: '' });
  });

  it('a save after a delete beats a save made elsewhere before it, even when it saves the same text as before the delete', () => {
    const a = device('dev-a');
    const b = device('dev-b');
    a.edit(() => article({ title: '甲' }), 1_764_000_001_000);
    a.edit(() => undefined, 1_764_000_002_000);
    b.receive(a.out[0]!);
    b.receive(a.out[1]!);
    a.edit(() => article({ title: '乙' }), 1_764_000_003_000);
    b.edit(() => article({ title: '甲' }), 1_764_000_004_000);
    a.receive(b.out[0]!);
    b.receive(a.out[2]!);
    expect(a.local?.title).toBe('甲');
    expect(b.local).toEqual(a.local);
  });

  it('says nothing changed when nothing did', () => {
    const a = device('dev-a');
    a.edit(() => article({ tags: ['x'], note: 'n' }), 1_764_000_001_000);
    const count = a.out.length;
    a.edit((x) => x, 1_764_000_002_000);
    expect(a.out).toHaveLength(count);
    expect(noteOf(emptyState(ID))).toBe('');
  });
});

// Random edits on three devices, each seeing only its own deltas, then every
// delta delivered to every device in a random order, some twice.
const editArb = fc.record({
  device: fc.integer({ min: 0, max: 2 }),
  kind: fc.constantFrom('save', 'tag', 'untag', 'note', 'delete', 'retitle'),
  tag: fc.constantFrom('银行', '地产', '券商'),
  text: fc.constantFrom('', '看多', '看空', '存疑'),
});

describe('convergence', () => {
  it('any order of the same deltas, each applied once or twice, gives the same article', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { minLength: 60, maxLength: 60 }), (edits, shuffle) => {
        const devices = [device('dev-a'), device('dev-b'), device('dev-c')];
        let now = 1_764_000_000_000;
        for (const edit of edits) {
          now += 1000;
          const d = devices[edit.device]!;
          d.edit((x) => {
            switch (edit.kind) {
              case 'save':
                return x ?? article({ savedAt: now, updatedAt: now });
              case 'delete':
                return undefined;
              case 'tag':
                return x && { ...x, tags: [...new Set([...x.tags, edit.tag])] };
              case 'untag':
                return x && { ...x, tags: x.tags.filter((t) => t !== edit.tag) };
              case 'note':
                return x && { ...x, note: edit.text };
              case 'retitle':
                return x && { ...x, title: `标题 ${edit.text}` };
            }
          }, now);
        }
        const all = devices.flatMap((d) => d.out);
        const results = devices.map((d, n) => {
          let state = emptyState(ID);
          const order = all.map((delta, i) => ({ delta, key: shuffle[(i + n * 7) % shuffle.length]! + i / 1000 }));
          order.sort((x, y) => x.key - y.key);
          for (const { delta, key } of order) {
            state = mergeStates(state, delta);
            if (Math.floor(key) % 3 === 0) state = mergeStates(state, delta);
          }
          return { state, view: viewOf(state) };
        });
        expect(results[1]).toEqual(results[0]);
        expect(results[2]).toEqual(results[0]);
        // And the same as merging in the order made.
        const inOrder = all.reduce(mergeStates, emptyState(ID));
        expect(viewOf(inOrder)).toEqual(results[0]!.view);
      }),
      { numRuns: 300 },
    );
  });

  it('merge is commutative, associative and idempotent on the states devices reach', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 15 }), (edits) => {
        const devices = [device('dev-a'), device('dev-b'), device('dev-c')];
        let now = 1_764_000_000_000;
        for (const edit of edits) {
          now += 1000;
          devices[edit.device]!.edit((x) => (edit.kind === 'delete' ? undefined : { ...(x ?? article()), note: edit.text, tags: [edit.tag] }), now);
          if (edit.kind === 'save') for (const other of devices) for (const delta of devices[edit.device]!.out) other.receive(delta);
        }
        const [a, b, c] = devices.map((d) => d.state) as [ArticleState, ArticleState, ArticleState];
        expect(mergeStates(a, b)).toEqual(mergeStates(b, a));
        expect(mergeStates(mergeStates(a, b), c)).toEqual(mergeStates(a, mergeStates(b, c)));
        expect(mergeStates(a, a)).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});

describe('corrections as sync merges them', () => {
  const key = (n: number) => `everywhere|0.00093${n}|中关村`;
  const entry = fc.record({
    n: fc.integer({ min: 0, max: 2 }),
    wall: fc.integer({ min: 1, max: 50 }),
    device: fc.constantFrom('dev-a', 'dev-b', 'dev-c'),
    verdict: fc.constantFrom('likely', 'doubtful', null),
  }).map(({ n, wall, device, verdict }): CorrectionEntry => ({
    key: key(n),
    stamp: encodeStamp({ wall, counter: 0, device }),
    value: verdict && { secid: `0.00093${n}`, name: '中关村', articleId: null, verdict, at: wall },
  }));

  // Stamps are unique, as the clock makes them.
  it('give the same corrections in any order, each entry applied once or twice', () => {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.stamp, maxLength: 20 }).chain((entries) => fc.tuple(fc.constant(entries), fc.shuffledSubarray([...entries, ...entries], { minLength: entries.length * 2 }))), ([entries, shuffled]) => {
        const inOrder = entries.reduce((known: CorrectionStates, e) => mergeCorrectionEntries(known, [e]), {});
        const reordered = shuffled.reduce((known: CorrectionStates, e) => mergeCorrectionEntries(known, [e]), {});
        expect(correctionsOf(reordered)).toEqual(correctionsOf(inOrder));
      }),
    );
  });

  it('take the reader’s own changes as entries, a clear as null, and none when nothing changed', () => {
    const stamps = stamper(startClock('dev-a'), 100);
    const set = { secid: '0.000931', name: '中关村', articleId: null, verdict: 'doubtful' as const, at: 40 };
    const first = localCorrectionEntries({}, { [key(1)]: set }, stamps);
    expect(first).toMatchObject([{ key: key(1), value: set }]);
    expect(decodeStamp(first[0]!.stamp)?.wall).toBe(40);
    const known = mergeCorrectionEntries({}, first);
    expect(localCorrectionEntries(known, { [key(1)]: set }, stamps)).toEqual([]);
    expect(localCorrectionEntries(known, {}, stamps)).toMatchObject([{ key: key(1), value: null }]);
  });
});
