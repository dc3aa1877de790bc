import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { SecurityTimeline } from '../../components/archive/security-timeline';
import { securityTimeline } from '../../lib/archive/timeline';

const day = (iso: string) => Date.parse(`${iso}T10:00:00+08:00`);

describe('the security view’s timeline', () => {
  it('says what it draws, in its attributes and in words', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const timeline = securityTimeline([
      { id: 'a', savedAt: day('2026-06-02'), price: 6.1 },
      { id: 'b', savedAt: day('2026-06-03'), price: null },
      { id: 'c', savedAt: day('2026-06-16'), price: 6.4 },
    ]);
    const host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<SecurityTimeline timeline={timeline} />, host));
    const figure = host.querySelector<HTMLElement>('[data-role="timeline"]')!;
    expect([figure.dataset.articles, figure.dataset.buckets, figure.dataset.points, figure.dataset.unit]).toEqual(['3', '3', '2', 'week']);
    expect(figure.querySelector('[role="img"]')!.getAttribute('aria-label')).toBe('3 篇存档文章提及，2026-06-01 至 2026-06-15；其中 2 篇保存时记下了价格');
    expect(figure.querySelector('figcaption')!.textContent).toContain('最近一次保存时价格 6.4');
    render(null, host);
  });
});

describe('what the reader has been reading about', () => {
  it('counts likely mentions only, when asked, and shows a bar a security that opens its view', async () => {
    const { readingAbout } = await import('../../lib/archive/timeline');
    const { ReadingAbout } = await import('../../components/archive/reading-about');
    const now = day('2026-06-20');
    const mention = (secid: string, name: string) => ({ secid, market: Number(secid.split('.')[0]), code: secid.split('.')[1]!, kind: 'stock' as const, name, count: 1, order: 0 });
    const listings = [
      { savedAt: day('2026-06-19'), mentions: [mention('0.000931', '中关村'), mention('1.600519', '贵州茅台')], likelySecids: ['1.600519'] },
      { savedAt: day('2026-06-18'), mentions: [mention('1.600519', '贵州茅台')], likelySecids: ['1.600519'] },
      { savedAt: day('2026-06-01'), mentions: [mention('0.000931', '中关村')], likelySecids: ['0.000931'] },
    ];
    const reading = readingAbout(listings, now, { likelyOnly: true });
    expect(reading.week.map((entry) => [entry.secid, entry.count])).toEqual([['1.600519', 2]]);
    expect(reading.month.map((entry) => [entry.secid, entry.count])).toEqual([['1.600519', 2], ['0.000931', 1]]);
    const onSelect = vi.fn();
    const host = document.createElement('div');
    document.body.append(host);
    act(() => render(<ReadingAbout reading={reading} onSelect={onSelect} />, host));
    expect([...host.querySelectorAll('[data-secid]')].map((bar) => bar.getAttribute('data-secid'))).toEqual(['1.600519']);
    act(() => (host.querySelector('[data-span-choice="month"]') as HTMLButtonElement).click());
    expect([...host.querySelectorAll('[data-secid]')].map((bar) => bar.getAttribute('data-count'))).toEqual(['2', '1']);
    (host.querySelector('[data-secid="0.000931"]') as HTMLButtonElement).click();
    expect(onSelect).toHaveBeenCalledWith('0.000931');
  });
});
