import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readArticleHead } from '../../lib/article-head';
import type { Handlers, MessageType, Request } from '../../lib/protocol';
import { fixtureDocument, SEED_URL } from './fixtures';

const sent: Array<{ type: MessageType; payload: unknown }> = [];
let tabHandlers: Partial<Handlers> = {};
const answers: Partial<Record<MessageType, (payload: never) => unknown>> = {
  'bg:article-status': () => ({ saved: false, savedAt: null, tags: [], note: '' }),
  'bg:save-article': () => ({ savedAt: 1, created: true, status: { saved: true, savedAt: 1, tags: [], note: '' } }),
  'bg:count-mentions': () => ({ counts: { '90.BK0473': 1, '0.000931': 1 } }),
  'bg:get-quotes': () => ({ quotes: {}, live: false, refreshInMs: null }),
};
vi.mock('../../platform/messaging', () => ({
  send: async <K extends MessageType>(type: K, payload: Request<K>) => {
    sent.push({ type, payload });
    return answers[type]!(payload as never);
  },
  receive: (_rules: unknown, handlers: Partial<Handlers>) => {
    tabHandlers = handlers;
    return () => {};
  },
}));
const { OverlayApp } = await import('../../entrypoints/eastmoney.content/overlay-container');

const doc = fixtureDocument('current-seed.html');
const head = readArticleHead(doc, SEED_URL)!;
const asked = (type: MessageType) => sent.filter((message) => message.type === type).length;
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));

afterEach(() => {
  sent.length = 0;
  fakeBrowser.reset();
});

describe('the overlay after its own save', () => {
  it('asks for the archive counts once on load and once when the article becomes saved, not again for the same state', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    render(<OverlayApp article={head} />, root);
    await settle();
    expect(asked('bg:count-mentions')).toBe(1);
    await act(async () => {
      await tabHandlers['tab:start-save']!({}, { kind: 'extension-page', tabId: null, frameId: null });
    });
    await settle();
    expect(asked('bg:save-article')).toBe(1);
    expect(asked('bg:count-mentions')).toBe(2);
    expect(root.querySelector('[data-action="save"]')?.getAttribute('data-saved')).toBe('true');
    // The same news from elsewhere (another tab's copy of the broadcast) changes nothing the counts depend on.
    await act(async () => {
      await tabHandlers['tab:article-changed']!(
        { id: head.id, status: { saved: true, savedAt: 1, tags: ['ABS'], note: '' } },
        { kind: 'extension-page', tabId: null, frameId: null },
      );
    });
    await settle();
    expect(asked('bg:count-mentions')).toBe(2);
    render(null, root);
  });
});
