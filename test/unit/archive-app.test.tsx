// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { ArchiveApp } from '../../entrypoints/popup/archive-app';
import { saveArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import { readArticle } from '../../lib/read-article';
import { LEGACY_URL, SEED_URL, fixtureDocument } from './fixtures';

async function settle(check: () => void) {
  await vi.waitFor(check, { timeout: 2000, interval: 10 });
}

let n = 0;
async function popupOver(records: Parameters<typeof saveArticle>[1][]) {
  n += 1;
  const db = await openArchive(`popup-${n}`);
  for (const [i, record] of records.entries()) await saveArticle(db, record, 1000 + i);
  const host = document.createElement('div');
  document.body.append(host);
  const openUrl = vi.fn();
  render(<ArchiveApp archive={async () => db} openUrl={openUrl} />, host);
  return { host, db, openUrl };
}

const seed = readArticle(fixtureDocument('current-seed.html'), SEED_URL)!;
const legacy = readArticle(fixtureDocument('legacy-variants.html'), LEGACY_URL)!;

describe('the archive popup', () => {
  it('explains what to do when the archive is empty', async () => {
    const { host } = await popupOver([]);
    await settle(() => expect(host.querySelector('[data-role="empty-archive"]')).not.toBeNull());
    expect(host.textContent).toContain('保存');
    expect(host.querySelectorAll('[data-article-id]')).toHaveLength(0);
  });

  it('lists saved articles newest first with source, time and badges', async () => {
    const { host } = await popupOver([seed, legacy]);
    await settle(() => expect(host.querySelectorAll('[data-article-id]')).toHaveLength(2));
    const rows = [...host.querySelectorAll('[data-article-id]')];
    expect(rows.map((row) => row.getAttribute('data-article-id'))).toEqual([legacy.id, seed.id]);
    expect(rows[1]!.textContent).toContain('北京首个专利许可知识产权证券化项目已设立');
    expect(rows[1]!.textContent).toContain('中国证券报 · 2021-12-30 21:05');
    expect([...rows[1]!.querySelectorAll('[data-secid]')].map((b) => b.textContent)).toEqual(['证券×3', '中关村×3']);
    expect(rows[0]!.querySelector('.mini-more')!.textContent).toBe('+1');
  });

  it('opens the original article', async () => {
    const { host, openUrl } = await popupOver([seed]);
    await settle(() => expect(host.querySelector('[data-action="open"]')).not.toBeNull());
    (host.querySelector('[data-action="open"]') as HTMLAnchorElement).click();
    expect(openUrl).toHaveBeenCalledWith(SEED_URL);
  });

  it('deletes an entry, and puts it back on undo', async () => {
    const { host, db } = await popupOver([seed, legacy]);
    await settle(() => expect(host.querySelectorAll('[data-article-id]')).toHaveLength(2));
    (host.querySelector(`[data-article-id="${seed.id}"] [data-action="delete"]`) as HTMLButtonElement).click();
    await settle(() => expect(host.querySelectorAll('[data-article-id]')).toHaveLength(1));
    expect(await db.count('articles')).toBe(1);
    expect(await db.count('bodies')).toBe(1);
    (host.querySelector('[data-action="undo"]') as HTMLButtonElement).click();
    await settle(() => expect(host.querySelectorAll('[data-article-id]')).toHaveLength(2));
    expect((await db.get('bodies', seed.id))?.bodyText).toBe(seed.bodyText);
  });

  it('loads one page at a time', async () => {
    const many = Array.from({ length: 35 }, (_, i) => ({ ...seed, id: `2026010912345678${String(i).padStart(2, '0')}` }));
    const { host } = await popupOver(many);
    await settle(() => expect(host.querySelectorAll('[data-article-id]')).toHaveLength(30));
    expect(host.querySelector('[data-role="archive-total"]')!.textContent).toBe('35 篇');
    (host.querySelector('[data-action="more"]') as HTMLButtonElement).click();
    await settle(() => expect(host.querySelectorAll('[data-article-id]')).toHaveLength(35));
    expect(host.querySelector('[data-action="more"]')).toBeNull();
  });
});
