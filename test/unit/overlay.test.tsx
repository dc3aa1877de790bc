// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { OverlayPanel, type OverlayPanelProps } from '../../components/overlay/overlay-panel';
import { readPageRecord } from '../../lib/page-record';
import { byProminence } from '../../lib/mentions';
import { SEED_URL, fixtureDocument } from './fixtures';
import type { Mention } from '../../lib/article-model';
import { topFigures } from '../../lib/key-figures';
import { correctionKey, shownVerdict, type Corrections } from '../../lib/relevance/corrections';

const record = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;

/** What the background answers for these mentions (lib/relevance/page-judgement.ts). */
const shownOf = (mentions: Mention[], corrections: Corrections = {}) =>
  Object.fromEntries(mentions.map((mention) => [mention.secid, shownVerdict(mention, record.id, corrections)]));

function show(overrides: Partial<OverlayPanelProps> = {}) {
  const host = document.createElement('div');
  document.body.append(host); // forms submit only when connected
  const props: OverlayPanelProps = {
    articleId: record.id,
    source: record.source,
    publishedAt: record.publishedAt,
    mentions: [...record.mentions].sort(byProminence),
    error: null,
    positions: {},
    quotes: {},
    quoteState: 'waiting',
    colours: 'red-up',
    collapsed: false,
    onToggle: vi.fn(),
    onSelectSecurity: vi.fn(),
    archive: <span data-role="archive-frame" />,
    shown: shownOf(overrides.mentions ?? record.mentions),
    hideDoubtful: false,
    judged: true,
    figures: [],
    onSelectFigure: vi.fn(),
    onCorrect: vi.fn(),
    ...overrides,
  };
  act(() => render(<OverlayPanel {...props} />, host));
  return { host, props };
}

const likelyMention: Mention = {
  secid: '1.601099',
  market: 1,
  code: '601099',
  kind: 'stock',
  name: '太平洋',
  count: 1,
  order: 2,
  relevance: { verdict: 'likely', doubtfulMentions: 0, rule: null, reason: null, params: null, marks: [] },
};

const badgeIds = (host: Element) => [...host.querySelectorAll('.badge[data-secid]')].map((b) => b.getAttribute('data-secid'));

describe('doubtful badges', () => {
  it('stay visible, dimmed and after the likely ones, each with its reason; the summary counts them', () => {
    const { host } = show({ mentions: [...record.mentions].sort(byProminence).concat(likelyMention) });
    expect(badgeIds(host)).toEqual(['1.601099', '90.BK0473', '0.000931']);
    const sector = host.querySelector('.badge[data-secid="90.BK0473"]')!;
    expect(sector.getAttribute('data-doubtful')).toBe('true');
    expect(sector.getAttribute('data-doubtful-mentions')).toBe('3');
    expect(sector.closest('.badge-group')!.classList.contains('is-doubtful')).toBe(true);
    expect(sector.getAttribute('title')).toContain('「证券」只是媒体名称「证券报」的一部分');
    // A card is drawn once its badge has opened it (hover or focus asks for its day's line): not before.
    expect(host.querySelector('[data-role="quote-card"]')).toBeNull();
    const opened = show({
      mentions: [...record.mentions].sort(byProminence).concat(likelyMention),
      intraday: { '0.000931': { days: 1, answer: null, askedAt: 0 } },
    }).host;
    const stockCard = opened.querySelector('.badge[data-secid="0.000931"]')!.closest('.badge-group')!;
    expect(stockCard.querySelector('[data-role="doubt-reason"]')!.textContent).toContain('「中关村担保」');
    expect(opened.querySelectorAll('[data-role="quote-card"]')).toHaveLength(1);
    expect(host.querySelector('.badge[data-secid="1.601099"]')!.getAttribute('data-doubtful')).toBe('false');
    expect(host.querySelector('[data-role="doubtful-total"]')!.textContent).toBe('其中 2 个存疑');
  });

  it('leave the overlay when the reader hides them', () => {
    const { host } = show({ mentions: [...record.mentions, likelyMention], hideDoubtful: true });
    expect(badgeIds(host)).toEqual(['1.601099']);
    expect(host.querySelector('[data-role="doubtful-total"]')!.textContent).toBe('其中 2 个存疑');
  });

  it('follow the reader’s correction over the rules, and say it is theirs', () => {
    const corrections = {
      [correctionKey({ secid: '0.000931', name: '中关村', articleId: record.id })]: {
        secid: '0.000931', name: '中关村', articleId: record.id, verdict: 'likely' as const, at: 1,
      },
      [correctionKey({ secid: '1.601099', name: '太平洋', articleId: null })]: {
        secid: '1.601099', name: '太平洋', articleId: null, verdict: 'doubtful' as const, at: 1,
      },
    };
    const mentions = [...record.mentions].sort(byProminence).concat(likelyMention);
    const { host } = show({ mentions, shown: shownOf(mentions, corrections) });
    expect(badgeIds(host)).toEqual(['0.000931', '90.BK0473', '1.601099']);
    const stock = host.querySelector('.badge[data-secid="0.000931"]')!;
    expect(stock.getAttribute('data-doubtful')).toBe('false');
    expect(stock.getAttribute('data-by-reader')).toBe('article');
    const ocean = host.querySelector('.badge[data-secid="1.601099"]')!;
    expect(ocean.getAttribute('data-by-reader')).toBe('everywhere');
    expect(ocean.getAttribute('title')).toContain('你标记过：不是这只证券');
  });

  it('offer "not this security" here or everywhere, and undo of the reader’s own', () => {
    const onCorrect = vi.fn();
    const { host } = show({ mentions: [likelyMention], onCorrect });
    act(() => (host.querySelector('[data-action="correct"]') as HTMLButtonElement).click());
    act(() => (host.querySelector('[data-correct="doubtful-everywhere"]') as HTMLButtonElement).click());
    expect(onCorrect).toHaveBeenCalledWith(likelyMention, { verdict: 'doubtful', scope: 'everywhere' }, expect.anything());
    expect(host.querySelector('[data-correct="undo"]')).toBeNull();
  });
});

describe('key figures', () => {
  it('show each with its normalised value and unit, and find it in the text on a click', () => {
    const onSelectFigure = vi.fn();
    const figures = topFigures({ title: record.title, summary: record.summary, body: record.bodyText });
    const { host } = show({ figures, onSelectFigure });
    const shown = [...host.querySelectorAll('[data-figure]')];
    expect(shown.length).toBeGreaterThan(1);
    expect(shown.length).toBeLessThanOrEqual(5);
    const amount = host.querySelector('[data-figure="3.37亿元"]')!;
    expect(amount.getAttribute('data-value')).toBe('337000000');
    expect(amount.getAttribute('data-unit')).toBe('元');
    expect(host.querySelector('[data-figure="15家"]')!.getAttribute('data-unit')).toBe('家');
    act(() => (amount as HTMLButtonElement).click());
    expect(onSelectFigure).toHaveBeenCalledWith(expect.objectContaining({ text: '3.37亿元' }));
  });
});

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

  it('calls back on a badge click, shows where a badge has stepped to, and puts the archive frame under its head', () => {
    const { host, props } = show({ positions: { '0.000931': 2 } });
    (host.querySelector('[data-secid="0.000931"]') as HTMLButtonElement).click();
    expect(host.querySelector('header + [data-role="archive-frame"]')).not.toBeNull();
    // The page's half carries nothing of the reader's archive.
    expect(host.querySelector('[data-action="save"], [data-action="annotate"], [data-archive-count]')).toBeNull();
    expect(props.onSelectSecurity).toHaveBeenCalledWith('0.000931');
    expect(host.querySelector('[data-secid="0.000931"]')!.textContent).toContain('2/3');
  });

  it('says so when a page marks no securities, and shows errors', () => {
    const { host } = show({ mentions: [], error: '保存失败：磁盘已满' });
    expect(host.textContent).toContain('未标注证券');
    expect(host.querySelector('[role="alert"]')!.textContent).toBe('保存失败：磁盘已满');
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

});
