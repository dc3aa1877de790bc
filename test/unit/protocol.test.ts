// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { describe, expect, it, vi } from 'vitest';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { createReceiver, createSender, type Handlers, type MessageType, type Rules } from '../../lib/protocol';
import { TAB_RULES } from '../../lib/protocol-tab';
import { readPageRecord } from '../../lib/page-record';
import { SEED_URL, fixtureDocument } from './fixtures';

type Served = 'bg:save-article' | 'bg:delete-article';

function handlers(): Handlers<Served> & { save: ReturnType<typeof vi.fn> } {
  const saved = { saved: true, savedAt: 5, tags: [], note: '' };
  const save = vi.fn(async () => ({ savedAt: 5, created: true, replaced: false, status: saved }));
  return {
    save,
    'bg:save-article': save,
    'bg:delete-article': vi.fn(async () => ({ deleted: false })),
  };
}

const record = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;

describe('receiving messages', () => {
  it('passes a save from an archive frame to its handler, with the tab and frame it came from', async () => {
    const h = handlers();
    const sender = { kind: 'overlay-frame', tabId: 7, frameId: 3 } as const;
    const reply = await createReceiver<Served>(BACKGROUND_RULES, h)({ type: 'bg:save-article', payload: { id: record.id } }, sender);
    expect(reply).toEqual({ ok: true, data: { savedAt: 5, created: true, replaced: false, status: { saved: true, savedAt: 5, tags: [], note: '' } } });
    expect(h.save).toHaveBeenCalledWith({ id: record.id }, sender);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'bg:save-article'],
    ['an unknown type', { type: 'archive:wipe', payload: {} }],
    ['an inherited type', { type: 'toString', payload: {} }],
    ['no payload', { type: 'bg:save-article' }],
    ['no id', { type: 'bg:save-article', payload: {} }],
    ['a bad id', { type: 'bg:save-article', payload: { id: '../../etc' } }],
    ['a record instead of an id', { type: 'bg:save-article', payload: { record } }],
    ['a note with no id', { type: 'bg:annotate-article', payload: { tags: [], note: 'x' } }],
  ])('refuses %s with an error and writes nothing', async (_label, message) => {
    const h = handlers();
    // From the archive frame, which may save and annotate: the refusal is the message's own.
    const reply = await createReceiver<Served>(BACKGROUND_RULES, h)(message, 'overlay-frame');
    expect(reply).toMatchObject({ ok: false, code: expect.stringMatching(/^(not-a-message|invalid-request)$/) });
    expect(h.save).not.toHaveBeenCalled();
  });

  it('takes a note with what its editor opened on, and refuses one whose opening is no note', () => {
    const check = BACKGROUND_RULES['bg:annotate-article'].check;
    expect(check({ id: record.id, tags: ['甲'], note: '新', was: { tags: [], note: '旧' } })).toEqual({
      ok: true,
      value: { id: record.id, tags: ['甲'], note: '新', was: { tags: [], note: '旧' } },
    });
    expect(check({ id: record.id, tags: [], note: '新' })).toEqual({ ok: true, value: { id: record.id, tags: [], note: '新' } });
    expect(check({ id: record.id, tags: [], note: '新', was: { tags: '甲', note: 1 } })).toMatchObject({ ok: false, error: expect.stringContaining('was:') });
  });

  it('refuses a save from an extension page or the page’s content script: only the archive frame’s button asks, and the background reads the page itself', async () => {
    const h = handlers();
    for (const sender of ['extension-page', 'content-script'] as const) {
      const reply = await createReceiver<Served>(BACKGROUND_RULES, h)({ type: 'bg:save-article', payload: { id: record.id } }, sender);
      expect(reply).toMatchObject({ ok: false, code: 'wrong-sender', detail: expect.stringContaining('not accepted') });
    }
    expect(h.save).not.toHaveBeenCalled();
  });

  it('refuses messages from senders it does not know', async () => {
    const h = handlers();
    const reply = await createReceiver<Served>(BACKGROUND_RULES, h)({ type: 'bg:save-article', payload: { id: record.id } }, null);
    expect(reply).toMatchObject({ ok: false, code: 'wrong-sender', detail: expect.stringContaining('not accepted') });
    expect(h.save).not.toHaveBeenCalled();
  });

  it('turns a failing handler into an error reply', async () => {
    const h = handlers();
    h['bg:save-article'] = async () => {
      throw new Error('the worker stopped');
    };
    const receive = createReceiver<Served>(BACKGROUND_RULES, h);
    const payload = { id: record.id };
    expect(await receive({ type: 'bg:save-article', payload }, 'overlay-frame')).toEqual({
      ok: false,
      code: 'failed',
      detail: 'bg:save-article failed: the worker stopped',
    });
    h['bg:save-article'] = async () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    expect(await receive({ type: 'bg:save-article', payload }, 'overlay-frame')).toEqual({
      ok: false,
      code: 'storage-full',
      detail: 'bg:save-article failed: QuotaExceededError: The quota has been exceeded.',
    });
  });
});

describe('where each message is received', () => {
  it('has exactly one rule for every message type, in the background or in the content script', () => {
    // Compiles only if the two tables together cover every type of the protocol.
    const every: Rules<MessageType> = { ...BACKGROUND_RULES, ...TAB_RULES };
    const background = Object.keys(BACKGROUND_RULES);
    expect(Object.keys(TAB_RULES).filter((type) => background.includes(type))).toEqual([]);
    expect(Object.keys(every)).toHaveLength(background.length + Object.keys(TAB_RULES).length);
  });

  it('lets a content script hear the background’s nudge only, and the nudge carries nothing', async () => {
    const nudged = vi.fn(async () => ({ nudged: true }));
    const receive = createReceiver(TAB_RULES, { 'tab:archive-changed': nudged });
    const message = { type: 'tab:archive-changed', payload: {} };
    expect(await receive(message, 'content-script')).toMatchObject({ ok: false, code: 'wrong-sender' });
    expect(await receive(message, 'overlay-frame')).toMatchObject({ ok: false, code: 'wrong-sender' });
    expect(await receive({ ...message, payload: { status: { note: 'x' } } }, 'extension-page')).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(await receive(message, 'extension-page')).toEqual({ ok: true, data: { nudged: true } });
    expect(nudged).toHaveBeenCalledTimes(1);
    expect(await receive({ type: 'bg:save-article', payload: { id: record.id } }, 'extension-page')).toMatchObject({ ok: false });
  });

  it('keeps the reader’s archive away from content scripts: they may tell what a page shows, never ask what is saved', () => {
    const fromPage = Object.entries(BACKGROUND_RULES)
      .filter(([, rule]) => rule.from.includes('content-script'))
      .map(([type]) => type)
      .sort();
    expect(fromPage).toEqual(['bg:correct-mention', 'bg:get-intraday', 'bg:get-quotes', 'bg:judge-page', 'bg:show-article']);
    const fromFrame = Object.entries(BACKGROUND_RULES).filter(([, rule]) => rule.from.includes('overlay-frame')).map(([type]) => type).sort();
    expect(fromFrame).toEqual(['bg:annotate-article', 'bg:frame-article', 'bg:open-archive', 'bg:restore-previous', 'bg:save-article']);
  });
});

describe('sending messages', () => {
  it('unwraps replies and throws error replies', async () => {
    const receive = createReceiver<Served>(BACKGROUND_RULES, handlers());
    const send = createSender((message) => receive(message, 'extension-page'));
    await expect(send('bg:delete-article', { id: record.id })).resolves.toEqual({ deleted: false });
    await expect(send('bg:delete-article', { id: 'nope' })).rejects.toThrow('id must be an Eastmoney article number');
    await expect(send('bg:delete-article', { id: 'nope' })).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(createSender(async () => undefined)('bg:delete-article', { id: record.id })).rejects.toMatchObject({
      code: 'extension-restarted',
      detail: expect.stringContaining('no reply'),
    });
    const gone = createSender(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await expect(gone('bg:delete-article', { id: record.id })).rejects.toMatchObject({ code: 'extension-restarted' });
  });
});
