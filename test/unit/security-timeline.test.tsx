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
