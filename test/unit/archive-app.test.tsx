// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { ArchiveApp } from '../../components/archive/archive-app';
import { ReaderApp } from '../../components/reader/reader-app';
import { annotateArticle, getArticle, saveArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import type { ArchiveDb } from '../../lib/archive/schema';
import { indexPending } from '../../lib/archive/search-index';
import type { ArticleRecord } from '../../lib/article-model';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { createReceiver, createSender } from '../../lib/protocol';
import { readPageRecord } from '../../lib/page-record';
import { archiveHandlers } from '../../entrypoints/background/archive-messages';
import { createArchiveEvents } from '../../lib/archive/archive-events';
import { LEGACY_URL, SEED_URL, fixtureDocument } from './fixtures';
import { createTabArticles } from '../../lib/tab-articles';

async function settle(check: () => void) {
  await vi.waitFor(check, { timeout: 3000, interval: 10 });
}

let n = 0;
/** The archive UI over a real (fake-indexeddb) archive, writing through the background's own handlers. */
async function appOver(records: ArticleRecord[], initialFilter = {}) {
  n += 1;
  const db = await openArchive(`app-${n}`);
  for (const [i, record] of records.entries()) await saveArticle(db, record, Date.UTC(2026, 0, 1) + i * 60_000);
  while ((await indexPending(db)) > 0);
  const archive = async () => db;
  const events = createArchiveEvents();
  events.subscribe(() => void indexPending(db));
  const receive = createReceiver(
    BACKGROUND_RULES,
    archiveHandlers(archive, {
      readPageRecord: async () => {
        throw new Error('the archive page saves no page');
      },
      quotesNow: () => undefined,
      events,
      tabs: createTabArticles(),
    }),
  );
  const send = createSender((message) => receive(message, 'extension-page'));
  const host = document.createElement('div');
  document.body.append(host);
  const services = { openUrl: vi.fn(), openReader: vi.fn(), download: vi.fn() };
  render(<ArchiveApp archive={archive} send={send} initialFilter={initialFilter} {...services} />, host);
  return { host, db, send, archive, ...services };
}

const rows = (host: Element) => [...host.querySelectorAll('[data-article-id]')].map((row) => row.getAttribute('data-article-id'));

function type(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const seed = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;
const legacy = readPageRecord(fixtureDocument('legacy-variants.html'), LEGACY_URL)!;

describe('the archive UI', () => {
  it('explains what to do when the archive is empty', async () => {
    const { host } = await appOver([]);
    await settle(() => expect(host.querySelector('[data-role="empty-archive"]')).not.toBeNull());
    expect(host.querySelectorAll('[data-article-id]')).toHaveLength(0);
  });

  it('lists saved articles newest first with source, time and badges', async () => {
    const { host } = await appOver([seed, legacy]);
    await settle(() => expect(rows(host)).toEqual([legacy.id, seed.id]));
    const seedRow = host.querySelector(`[data-article-id="${seed.id}"]`)!;
    expect(seedRow.textContent).toContain('中国证券报 · 2021-12-30 21:05');
    expect([...seedRow.querySelectorAll('[data-secid]')].map((b) => b.textContent)).toEqual(['证券×3', '中关村×3']);
  });

  it('searches as one types, showing only matches with the match marked', async () => {
    const { host } = await appOver([seed, legacy]);
    await settle(() => expect(rows(host)).toHaveLength(2));
    type(host.querySelector('input[type="search"]')!, '证券化');
    await settle(() => expect(rows(host)).toEqual([seed.id]));
    expect(host.querySelector('[data-role="snippet"] mark')!.textContent).toBe('证券化');
    type(host.querySelector('input[type="search"]')!, '茅台');
    await settle(() => expect(rows(host)).toEqual([legacy.id]));
    type(host.querySelector('input[type="search"]')!, '没有这个词');
    await settle(() => expect(host.querySelector('[data-role="no-results"]')).not.toBeNull());
  });

  it('opens the security view from a badge, with the mention count of each article', async () => {
    const { host } = await appOver([seed, legacy]);
    await settle(() => expect(rows(host)).toHaveLength(2));
    (host.querySelector(`[data-article-id="${seed.id}"] [data-secid="0.000931"]`) as HTMLButtonElement).click();
    await settle(() => expect(rows(host)).toEqual([seed.id]));
    expect(host.querySelector('[data-role="security-view"]')!.textContent).toContain('中关村');
    expect(host.querySelector('[data-role="mention-count"]')!.textContent).toContain('3 次');
  });

  it('opens the original and the reader', async () => {
    const { host, openUrl, openReader } = await appOver([seed]);
    await settle(() => expect(rows(host)).toEqual([seed.id]));
    (host.querySelector('[data-action="open"]') as HTMLAnchorElement).click();
    (host.querySelector('[data-action="read"]') as HTMLButtonElement).click();
    expect(openUrl).toHaveBeenCalledWith(SEED_URL);
    expect(openReader).toHaveBeenCalledWith(seed.id);
  });

  it('deletes an entry, and puts it back on undo', async () => {
    const { host, db } = await appOver([seed, legacy]);
    await settle(() => expect(rows(host)).toHaveLength(2));
    (host.querySelector(`[data-article-id="${seed.id}"] [data-action="delete"]`) as HTMLButtonElement).click();
    await settle(() => expect(rows(host)).toEqual([legacy.id]));
    expect(await db.count('bodies')).toBe(1);
    (host.querySelector('[data-action="undo"]') as HTMLButtonElement).click();
    await settle(() => expect(rows(host)).toEqual([legacy.id, seed.id]));
    expect((await db.get('bodies', seed.id))?.bodyText).toBe(seed.bodyText);
  });

  it('tags an article and finds it by the tag', async () => {
    const { host } = await appOver([seed, legacy]);
    await settle(() => expect(rows(host)).toHaveLength(2));
    (host.querySelector(`[data-article-id="${seed.id}"] [data-action="annotate"]`) as HTMLButtonElement).click();
    await settle(() => expect(host.querySelector('input[name="tags"]')).not.toBeNull());
    type(host.querySelector('input[name="tags"]')!, '知识产权ABS');
    (host.querySelector('[data-action="save-annotation"]') as HTMLButtonElement).click();
    await settle(() => expect(host.querySelector(`[data-article-id="${seed.id}"] [data-tag="知识产权ABS"]`)).not.toBeNull());
    type(host.querySelector('input[type="search"]')!, 'ABS');
    await settle(() => expect(rows(host)).toEqual([seed.id]));
  });

  it('a note another hand wrote while this editor was open is replaced, shown in the toast, and comes back on undo', async () => {
    const { host, db } = await appOver([seed, legacy]);
    await settle(() => expect(rows(host)).toHaveLength(2));
    (host.querySelector(`[data-article-id="${seed.id}"] [data-action="annotate"]`) as HTMLButtonElement).click();
    await settle(() => expect(host.querySelector('textarea[name="note"]')).not.toBeNull());
    // Meanwhile the popup (another hand, the same archive) writes its own note.
    await annotateArticle(db, seed.id, { tags: ['弹窗'], note: '弹窗里写的' });
    const note = host.querySelector('textarea[name="note"]') as HTMLTextAreaElement;
    note.value = '存档页写的';
    (host.querySelector('[data-action="save-annotation"]') as HTMLButtonElement).click();
    await settle(() => expect(host.querySelector('[data-role="undo-toast"][data-kind="note-replaced"]')?.textContent).toContain('弹窗里写的'));
    expect(await getArticle(db, seed.id)).toMatchObject({ note: '存档页写的', tags: [] });
    (host.querySelector('[data-role="undo-toast"] [data-action="undo"]') as HTMLButtonElement).click();
    await settle(() => expect(host.querySelector(`[data-article-id="${seed.id}"] [data-tag="弹窗"]`)).not.toBeNull());
    expect(await getArticle(db, seed.id)).toMatchObject({ note: '弹窗里写的', tags: ['弹窗'] });
    expect(host.querySelector('[data-role="undo-toast"]')).toBeNull();
  });

  it('the reader, too: a note written elsewhere while its editor was open is offered back, and Undo opens the editor on it', async () => {
    const { db, send, archive } = await appOver([seed]);
    const reader = document.createElement('div');
    document.body.append(reader);
    render(<ReaderApp id={seed.id} archive={archive} send={send} openArchive={vi.fn()} />, reader);
    await settle(() => expect(reader.querySelector('textarea[name="note"]')).not.toBeNull());
    await annotateArticle(db, seed.id, { tags: [], note: '弹窗里写的' });
    (reader.querySelector('textarea[name="note"]') as HTMLTextAreaElement).value = '阅读页写的';
    (reader.querySelector('[data-action="save-annotation"]') as HTMLButtonElement).click();
    await settle(() => expect(reader.querySelector('[data-role="undo-toast"][data-kind="note-replaced"]')?.textContent).toContain('弹窗里写的'));
    expect((await getArticle(db, seed.id))?.note).toBe('阅读页写的');
    (reader.querySelector('[data-role="undo-toast"] [data-action="undo"]') as HTMLButtonElement).click();
    await settle(() => expect((reader.querySelector('textarea[name="note"]') as HTMLTextAreaElement).value).toBe('弹窗里写的'));
    expect((await getArticle(db, seed.id))?.note).toBe('弹窗里写的');
    expect(reader.querySelector('[data-role="undo-toast"]')).toBeNull();
    render(null, reader);
  });

  it('no toast when nobody else wrote: an editor saving twice replaces only its own note', async () => {
    const { host, db } = await appOver([seed, legacy]);
    await settle(() => expect(rows(host)).toHaveLength(2));
    (host.querySelector(`[data-article-id="${seed.id}"] [data-action="annotate"]`) as HTMLButtonElement).click();
    await settle(() => expect(host.querySelector('textarea[name="note"]')).not.toBeNull());
    const note = host.querySelector('textarea[name="note"]') as HTMLTextAreaElement;
    note.value = '第一稿';
    (host.querySelector('[data-action="save-annotation"]') as HTMLButtonElement).click();
    await settle(async () => expect((await getArticle(db, seed.id))?.note).toBe('第一稿'));
    await settle(() => expect(host.querySelector('textarea[name="note"]')).toBeNull());
    (host.querySelector(`[data-article-id="${seed.id}"] [data-action="annotate"]`) as HTMLButtonElement).click();
    await settle(() => expect(host.querySelector('textarea[name="note"]')).not.toBeNull());
    (host.querySelector('textarea[name="note"]') as HTMLTextAreaElement).value = '第二稿';
    (host.querySelector('[data-action="save-annotation"]') as HTMLButtonElement).click();
    await settle(async () => expect((await getArticle(db, seed.id))?.note).toBe('第二稿'));
    expect(host.querySelector('[data-role="undo-toast"]')).toBeNull();
  });

  it('loads one page at a time', async () => {
    const many = Array.from({ length: 35 }, (_, i) => ({ ...seed, id: `2026010912345678${String(i).padStart(2, '0')}` }));
    const { host } = await appOver(many);
    await settle(() => expect(rows(host)).toHaveLength(30));
    // The total follows the first rows.
    await settle(() => expect(host.querySelector('[data-role="archive-total"]')?.textContent).toBe('35 篇'));
    (host.querySelector('[data-action="more"]') as HTMLButtonElement).click();
    await settle(() => expect(rows(host)).toHaveLength(35));
    expect(host.querySelector('[data-action="more"]')).toBeNull();
  });

  it('opens filtered to a security when asked (the overlay cross-link)', async () => {
    const { host } = await appOver([seed, legacy], { secid: '1.600519' });
    await settle(() => expect(rows(host)).toEqual([legacy.id]));
    expect((host.querySelector('select[data-filter="secid"]') as HTMLSelectElement).value).toBe('1.600519');
  });

  it('counts the articles likely about each security, and those only doubtfully about it at the reader’s asking', async () => {
    const { host } = await appOver([seed, legacy]);
    const options = () => [...host.querySelectorAll('select[data-filter="secid"] option')].map((option) => option.getAttribute('value'));
    await settle(() => expect(options()).toContain('1.600519'));
    expect(options()).not.toContain('0.000931');
    expect(host.querySelector(`[data-article-id="${seed.id}"] .mini-badge[data-secid="0.000931"]`)!.getAttribute('data-doubtful')).toBe('true');
    (host.querySelector('input[data-filter="doubtful"]') as HTMLInputElement).click();
    await settle(() => expect(options()).toContain('0.000931'));
  });

  it('lists the 100 most mentioned securities to filter by, and still the one a link chose beyond them', async () => {
    // 130 articles, each naming 中关村 (judged likely here) and one security of its own, 600000 + i.
    const { relevance: _judged, ...zhongguancun } = seed.mentions.find((m) => m.secid === '0.000931')!;
    const many = Array.from({ length: 130 }, (_, i) => {
      const code = String(600000 + i);
      return {
        ...seed,
        id: `20260109123456${String(i).padStart(4, '0')}`,
        mentions: [zhongguancun, { secid: `1.${code}`, market: 1, code, kind: 'stock' as const, name: `股${i}`, count: 1, order: 1 }],
      };
    });
    const { host } = await appOver(many, { secid: '1.600129' });
    const options = () => [...host.querySelectorAll('select[data-filter="secid"] option')].map((option) => option.getAttribute('value'));
    await settle(() => expect(options()).toHaveLength(1 + 100 + 1));
    expect(options()[1]).toBe('0.000931'); // the most mentioned first
    expect(options()).toContain('1.600129'); // beyond the 100, but chosen
    expect((host.querySelector('select[data-filter="secid"]') as HTMLSelectElement).value).toBe('1.600129');
    expect(host.querySelector('[data-role="security-view"]')!.textContent).toContain('股129');
  }, 60_000);

  void ({} as ArchiveDb);
});
