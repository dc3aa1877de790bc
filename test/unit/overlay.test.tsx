// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { OverlayPanel, type OverlayPanelProps } from '../../components/overlay/overlay-panel';
import { readPageRecord } from '../../lib/page-record';
import { byProminence } from '../../lib/mentions';
import { SEED_URL, fixtureDocument } from './fixtures';

const record = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;

function show(overrides: Partial<OverlayPanelProps> = {}) {
  const host = document.createElement('div');
  document.body.append(host); // forms submit only when connected
  const props: OverlayPanelProps = {
    articleId: record.id,
    source: record.source,
    publishedAt: record.publishedAt,
    mentions: [...record.mentions].sort(byProminence),
    saveState: 'unsaved',
    error: null,
    positions: {},
    archiveCounts: {},
    quotes: {},
    quoteState: 'waiting',
    colours: 'red-up',
    collapsed: false,
    onToggle: vi.fn(),
    tags: [],
    note: '',
    onSave: vi.fn(),
    onSelectSecurity: vi.fn(),
    onOpenArchive: vi.fn(),
    onAnnotate: vi.fn(async () => {}),
    ...overrides,
  };
  act(() => render(<OverlayPanel {...props} />, host));
  return { host, props };
}

describe('the overlay', () => {
  it('shows source, Beijing time, how many securities, and one badge per security', () => {
    const { host } = show();
    const summary = host.querySelector('[data-role="summary"]')!;
    expect(summary.getAttribute('data-article-id')).toBe('202112302231813952');
    expect(summary.textContent).toContain('中国证券报');
    expect(summary.textContent).toContain('2021-12-30 21:05');
    expect(summary.textContent).toContain('提及 2 只证券');
    const badges = [...host.querySelectorAll('[data-secid]')];
    expect(badges.map((b) => [b.getAttribute('data-secid'), b.getAttribute('data-kind'), b.getAttribute('data-count')])).toEqual([
      ['90.BK0473', 'sector', '3'],
      ['0.000931', 'stock', '3'],
    ]);
    expect(badges[1]!.textContent).toContain('中关村');
    expect(badges[1]!.textContent).toContain('000931');
    expect(badges[1]!.textContent).toContain('股票');
    expect(badges[1]!.textContent).toContain('×3');
  });

  it('marks the save button saved only when the article is in the archive', () => {
    expect(show({ saveState: 'unsaved' }).host.querySelector('[data-action="save"]')!.getAttribute('data-saved')).toBe('false');
    const saved = show({ saveState: 'saved' }).host.querySelector('[data-action="save"]')!;
    expect(saved.getAttribute('data-saved')).toBe('true');
    expect(saved.textContent).toContain('已保存');
  });

  it('calls back on save and on a badge click, and shows where a badge has stepped to', () => {
    const { host, props } = show({ positions: { '0.000931': 2 } });
    (host.querySelector('[data-action="save"]') as HTMLButtonElement).click();
    (host.querySelector('[data-secid="0.000931"]') as HTMLButtonElement).click();
    expect(props.onSave).toHaveBeenCalledOnce();
    expect(props.onSelectSecurity).toHaveBeenCalledWith('0.000931');
    expect(host.querySelector('[data-secid="0.000931"]')!.textContent).toContain('2/3');
  });

  it('says so when a page marks no securities, and shows errors', () => {
    const { host } = show({ mentions: [], error: '保存失败：磁盘已满' });
    expect(host.textContent).toContain('未标注证券');
    expect(host.querySelector('[role="alert"]')!.textContent).toBe('保存失败：磁盘已满');
  });

  it('links each badge to the archived articles that mention its security', () => {
    const { host, props } = show({ saveState: 'saved', archiveCounts: { '0.000931': 4, '90.BK0473': 0 } });
    const links = [...host.querySelectorAll('[data-action="open-archive"]')];
    expect(links.map((link) => [link.getAttribute('data-archive-secid'), link.textContent])).toEqual([['0.000931', '存档 4']]);
    (links[0] as HTMLButtonElement).click();
    expect(props.onOpenArchive).toHaveBeenCalledWith('0.000931', expect.any(Event));
    // Still exactly one element per security carries data-secid.
    expect(host.querySelectorAll('[data-secid="0.000931"]')).toHaveLength(1);
  });

  it('offers tags and a note once saved, and shows them', async () => {
    expect(show({ saveState: 'unsaved' }).host.querySelector('[data-action="annotate"]')).toBeNull();
    const { host, props } = show({ saveState: 'saved', tags: ['ABS'], note: '关注' });
    expect(host.querySelector('[data-role="overlay-annotations"]')!.textContent).toBe('#ABS关注');
    act(() => (host.querySelector('[data-action="annotate"]') as HTMLButtonElement).click());
    const tags = host.querySelector('input[name="tags"]') as HTMLInputElement;
    tags.value = 'ABS，季度复盘, ABS';
    act(() => {
      tags.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => (host.querySelector('[data-action="save-annotation"]') as HTMLButtonElement).click());
    expect(props.onAnnotate).toHaveBeenCalledWith({ tags: ['ABS', '季度复盘'], note: '关注' }, expect.any(Event));
  });

  it('shows live quotes on the badges with the page contract, red up and green down', () => {
    const quote = (secid: string, price: number | null, changePct: number | null) => ({
      secid, market: 0, code: secid.split('.')[1]!, name: null, price, changePct, change: null, high: null, low: null, prevClose: null, time: null,
    });
    const { host } = show({ quotes: { '0.000931': quote('0.000931', 4.12, 1.23), '90.BK0473': quote('90.BK0473', 1020.5, -0.5) } });
    const stock = host.querySelector('[data-secid="0.000931"]')!;
    expect([stock.getAttribute('data-price'), stock.getAttribute('data-change-pct'), stock.getAttribute('data-direction')]).toEqual(['4.12', '1.23', 'up']);
    expect(stock.textContent).toContain('4.12+1.23%');
    expect(host.querySelector('[data-secid="90.BK0473"]')!.getAttribute('data-direction')).toBe('down');
    expect(host.querySelector('.panel')!.classList.contains('colours-red-up')).toBe(true);
    expect(show({ colours: 'green-up' }).host.querySelector('.panel')!.classList.contains('colours-green-up')).toBe(true);
  });

  it('shows no number for a security whose quote is missing or all dashes', () => {
    const { host } = show({
      quotes: {
        '0.000931': { secid: '0.000931', market: 0, code: '000931', name: null, price: null, changePct: null, change: null, high: null, low: null, prevClose: null, time: null },
      },
    });
    for (const badge of host.querySelectorAll('[data-secid]')) {
      expect(badge.hasAttribute('data-price')).toBe(false);
      expect(badge.hasAttribute('data-direction')).toBe(false);
      expect(badge.querySelector('[data-role="quote"]')).toBeNull();
    }
  });

  it('folds to its header line when collapsed, and says how to unfold', () => {
    const { host, props } = show({ collapsed: true });
    expect(host.querySelectorAll('[data-secid]')).toHaveLength(0);
    const toggle = host.querySelector('[data-action="toggle"]') as HTMLButtonElement;
    expect([toggle.textContent, toggle.getAttribute('aria-expanded')]).toEqual(['展开', 'false']);
    expect(host.textContent).toContain('提及 2 只证券');
    toggle.click();
    expect(props.onToggle).toHaveBeenCalledOnce();
    expect(show({ collapsed: false }).host.querySelectorAll('[data-secid]')).toHaveLength(2);
  });

  it('closes the tags and note editor with Escape', () => {
    const { host } = show({ saveState: 'saved' });
    act(() => (host.querySelector('[data-action="annotate"]') as HTMLButtonElement).click());
    const input = host.querySelector('input[name="tags"]') as HTMLInputElement;
    expect(input).not.toBeNull();
    act(() => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(host.querySelector('input[name="tags"]')).toBeNull();
  });
});
