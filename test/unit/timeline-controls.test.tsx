import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecurityTimeline } from '../../components/archive/security-timeline';
import { securityTimeline } from '../../lib/archive/timeline';

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T10:00:00+08:00`);
const ORIGIN = Date.parse('2026-06-01T00:00:00+08:00');

// The canvas is uPlot's; what lies over it is ours. A stand-in plot puts a day at 10 px and a yuan at 10 px.
const plots: Array<{ data: unknown[] }> = [];
vi.mock('uplot', () => ({
  default: class {
    static paths = { bars: () => () => null };
    over = document.createElement('div');
    data: unknown[];
    constructor(options: { hooks: { draw: Array<(plot: unknown) => void> } }, data: unknown[], element: HTMLElement) {
      element.append(this.over);
      this.data = data;
      plots.push(this);
      // As uPlot does: sized and drawn a moment after it is made.
      queueMicrotask(() => options.hooks.draw.forEach((hook) => hook(this)));
    }
    valToPos(value: number, scale: string) {
      return scale === 'x' ? ((value * 1000 - ORIGIN) / DAY) * 10 : 100 - value * 10;
    }
    setData(data: unknown[]) {
      this.data = data;
    }
    destroy() {}
  },
}));

const timeline = securityTimeline([
  { id: 'a', savedAt: day('2026-06-02'), price: 6.1 },
  { id: 'b', savedAt: day('2026-06-03'), price: null },
  { id: 'c', savedAt: day('2026-06-16'), price: 6.4 },
]);

async function show(props: Partial<Parameters<typeof SecurityTimeline>[0]> = {}) {
  const host = document.createElement('div');
  document.body.append(host);
  const onChoose = vi.fn();
  const onRead = vi.fn();
  const titleOf = vi.fn(async (id: string) => `文章 ${id}`);
  await act(async () => render(<SecurityTimeline timeline={timeline} onChoose={onChoose} onRead={onRead} titleOf={titleOf} {...props} />, host));
  // The library is loaded when the chart first draws.
  await vi.waitFor(() => expect(host.querySelector('[data-role="timeline"]')!.getAttribute('data-drawn')).toBe('true'));
  await act(async () => {});
  return { host, onChoose, onRead, titleOf };
}

afterEach(() => {
  document.body.innerHTML = '';
  plots.length = 0;
});

describe('choosing a period on the timeline', () => {
  it('has a button for each period with articles, and a click chooses its days, or lets the chosen one go', async () => {
    const { host, onChoose } = await show();
    const bars = [...host.querySelectorAll<HTMLButtonElement>('[data-period]')];
    expect(bars.map((bar) => [bar.dataset.period, bar.dataset.count, bar.getAttribute('aria-label')])).toEqual([
      ['2026-06-01', '2', '2026-06-01 起的一周：2 篇'],
      ['2026-06-15', '1', '2026-06-15 起的一周：1 篇'],
    ]);
    // Each over its own week: 70 px a week, from its Monday.
    expect([bars[1]!.style.left, bars[1]!.style.width]).toEqual(['140px', '70px']);
    bars[1]!.click();
    expect(onChoose).toHaveBeenLastCalledWith({ savedFrom: '2026-06-15', savedTo: '2026-06-21' });
  });

  it('marks the chosen bar, on the canvas and on its button, and a click on it clears the period', async () => {
    const { host, onChoose } = await show({ chosen: 2 });
    const figure = host.querySelector<HTMLElement>('[data-role="timeline"]')!;
    expect(figure.dataset.chosen).toBe('2026-06-15');
    const chosen = host.querySelector<HTMLButtonElement>('[data-period="2026-06-15"]')!;
    expect(chosen.getAttribute('aria-pressed')).toBe('true');
    expect(host.querySelector('[data-period="2026-06-01"]')!.getAttribute('aria-pressed')).toBe('false');
    // The chosen series holds that bar's count alone.
    expect((plots[0]!.data[2] as Array<number | null>).filter((value) => value !== null)).toEqual([1]);
    chosen.click();
    expect(onChoose).toHaveBeenLastCalledWith(null);
  });

  it('is one tab stop, and the arrow keys go from period to period', async () => {
    const { host } = await show();
    const [first, second] = [...host.querySelectorAll<HTMLButtonElement>('[data-period]')];
    expect([first!.tabIndex, second!.tabIndex]).toEqual([-1, 0]);
    second!.focus();
    await act(async () => {
      second!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    });
    expect(document.activeElement).toBe(first);
  });
});

describe('a saved-price point', () => {
  it('names its article, its date and price when focused, steps with the arrow keys, and opens it on a click', async () => {
    const { host, onRead } = await show();
    const point = host.querySelector<HTMLButtonElement>('[data-role="price-point"]')!;
    expect(host.querySelector('[data-role="point-article"]')).toBeNull();
    await act(async () => point.focus());
    await act(async () => {});
    const card = () => host.querySelector('[data-role="point-article"]')?.textContent;
    expect(card()).toBe('文章 c2026-06-16 10:00:00 保存时价格 6.4');
    expect(point.getAttribute('aria-label')).toBe('文章 c 2026-06-16 10:00:00 保存时价格 6.4');
    await act(async () => {
      point.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    });
    await act(async () => {});
    expect(card()).toBe('文章 a2026-06-02 10:00:00 保存时价格 6.1');
    point.click();
    expect(onRead).toHaveBeenCalledWith('a');
  });

  it('shows the article under the pointer, and nothing away from every point', async () => {
    const { host } = await show();
    const plot = host.querySelector<HTMLElement>('.timeline-plot')!;
    const move = async (x: number, y: number) =>
      act(async () => {
        plot.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
      });
    // Point a: 2026-06-02 10:00 is 13.75 px in, price 6.1 at 39 px down.
    await move(15, 40);
    await act(async () => {});
    expect(host.querySelector('[data-role="point-article"]')?.textContent).toBe('文章 a2026-06-02 10:00:00 保存时价格 6.1');
    await move(100, 40);
    expect(host.querySelector('[data-role="point-article"]')).toBeNull();
  });
});
