import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readArticleHead } from '../../lib/article-head';
import type { MessageType, Request } from '../../lib/protocol';
import { fixtureDocument, SEED_URL } from './fixtures';

const sent: Array<{ type: MessageType; payload: unknown }> = [];
const answers: Partial<Record<MessageType, (payload: never) => unknown>> = {
  'bg:show-article': () => ({ shown: true }),
  'bg:judge-page': () => ({
    verdicts: { '90.BK0473': { relevance: null, shown: { verdict: 'doubtful', byReader: null } } },
    figures: [],
  }),
  'bg:get-quotes': () => ({ quotes: {}, live: false, refreshInMs: null }),
};
vi.mock('../../platform/messaging', () => ({
  send: async <K extends MessageType>(type: K, payload: Request<K>) => {
    sent.push({ type, payload });
    return answers[type]!(payload as never);
  },
  ARCHIVE_FRAME_PATH: '/overlay-frame.html',
  receive: () => () => {},
}));
// The frame is an extension page, which happy-dom cannot load; the browsers' tests load it.
vi.mock('../../components/overlay/archive-frame', () => ({ ArchiveFrame: () => <span data-role="archive-frame" /> }));
const { OverlayApp } = await import('../../entrypoints/article-overlay/overlay-container');

const doc = fixtureDocument('current-seed.html');
const head = readArticleHead(doc, SEED_URL)!;
const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 20)));

afterEach(() => {
  sent.length = 0;
  fakeBrowser.reset();
});

describe('what the overlay in the page tells the background', () => {
  it('says which article and securities the page shows, again once they are judged, and never asks after the reader’s archive', async () => {
    const root = document.createElement('div');
    document.body.append(root);
    render(<OverlayApp article={head} />, root);
    await settle();
    const shown = sent.filter((message) => message.type === 'bg:show-article').map((message) => message.payload as Request<'bg:show-article'>);
    expect(shown.length).toBeGreaterThanOrEqual(1);
    const last = shown.at(-1)!;
    expect(last.id).toBe(head.id);
    expect(last.securities.map((security) => security.secid).sort()).toEqual(head.mentions.map((mention) => mention.secid).sort());
    expect(last.securities.find((security) => security.secid === '90.BK0473')?.doubtful).toBe(true);
    expect(last.securities.find((security) => security.secid === '0.000931')?.doubtful).toBe(false);
    // Saved state, tags, notes and counts are the frame's to ask for, never the page's script.
    const asked = new Set(sent.map((message) => message.type));
    for (const type of ['bg:frame-article', 'bg:save-article', 'bg:annotate-article', 'bg:restore-previous'] as const) expect(asked.has(type)).toBe(false);
    expect(root.querySelector('[data-action="save"], [data-action="annotate"], [data-archive-count]')).toBeNull();
    expect(root.querySelector('[data-role="archive-frame"]')).not.toBeNull();
    render(null, root);
  });
});
