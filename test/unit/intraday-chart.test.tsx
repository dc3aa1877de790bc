import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { IntradayChart } from '../../components/overlay/intraday-chart';
import { readIntradayReply, type IntradayLine } from '../../lib/quotes/intraday-reply';
import { chartOf, intradayGeometry, summariseIntraday } from '../../lib/quotes/intraday-path';
import { dayRows, minutes, trendsReply, type Minute } from './intraday-fixtures';

const DAY = '2026-06-18';
const PREV = 6.18;

function lineFrom(dayMinutes: Minute[], days: string[] = [DAY]): IntradayLine {
  const reply = readIntradayReply(trendsReply(days.flatMap((day) => dayRows(day, dayMinutes)), { preClose: PREV }));
  if (reply.status !== 'ok') throw new Error(JSON.stringify(reply));
  return reply.line;
}

/** A zigzag between 6.18 and 6.23, its high 6.35 at 10:30, its low 5.98 at 14:32, 6.12 at the close. */
const dayMinutes: Minute[] = minutes(241, (slot) => {
  if (slot === 60) return 6.35;
  if (slot === 212) return 5.98;
  if (slot === 240) return 6.12;
  const step = slot % 10;
  return Number((PREV + 0.01 * (step < 5 ? step : 10 - step)).toFixed(2));
});

function show(line: IntradayLine, colours: 'red-up' | 'green-up' = 'red-up') {
  const host = document.createElement('div');
  document.body.append(host);
  act(() => render(<IntradayChart chart={chartOf(line)!} colours={colours} />, host));
  return host;
}

describe('the intraday chart', () => {
  it('says how many minutes it draws and the last price', () => {
    const chart = show(lineFrom(dayMinutes)).querySelector<HTMLElement>('[data-role="intraday"]')!;
    expect(chart.dataset.points).toBe('241');
    expect(chart.dataset.last).toBe('6.12');
  });

  it('draws a lunch-time morning in the left half, the afternoon still to come', () => {
    const line = lineFrom(dayMinutes.slice(0, 121));
    const chart = show(line).querySelector<HTMLElement>('[data-role="intraday"]')!;
    expect(chart.dataset.points).toBe('121');
    expect(chart.querySelector('[data-role="intraday-last"]')!.getAttribute('cx')).toBe('120');
  });

  it('puts 13:01 next to 11:30: the lunch break takes no room', () => {
    const geometry = intradayGeometry(lineFrom(dayMinutes))!;
    const xs = [...geometry.line.matchAll(/[ML]([\d.]+) /g)].map((match) => Number(match[1]));
    expect(xs[121]! - xs[120]!).toBeCloseTo(xs[120]! - xs[119]!, 5);
    expect(xs[0]).toBe(0);
    expect(xs.at(-1)).toBe(240);
  });

  it('marks the latest point where the line ends', () => {
    const geometry = intradayGeometry(lineFrom(dayMinutes))!;
    const marker = show(lineFrom(dayMinutes)).querySelector('[data-role="intraday-last"]')!;
    expect(geometry.line.endsWith(`L${marker.getAttribute('cx')} ${marker.getAttribute('cy')}`)).toBe(true);
  });

  it('is red above the previous close and green below, by default', () => {
    const host = show(lineFrom(dayMinutes));
    expect(host.querySelector('[data-side="above"]')!.getAttribute('stroke')).toContain('--up');
    expect(host.querySelector('[data-side="below"]')!.getAttribute('stroke')).toContain('--down');
    // The close (6.12) is under 6.18: the marker takes the colour below.
    expect(host.querySelector('[data-role="intraday-last"]')!.getAttribute('fill')).toContain('--down');
  });

  it('flips to green up when the settings say so', () => {
    const host = show(lineFrom(dayMinutes), 'green-up');
    expect(host.querySelector('[data-side="above"]')!.getAttribute('stroke')).toContain('--down');
    expect(host.querySelector('[data-side="below"]')!.getAttribute('stroke')).toContain('--up');
    expect(host.querySelector('[data-role="intraday-last"]')!.getAttribute('fill')).toContain('--up');
  });

  it('clips the two colours at the baseline', () => {
    const host = show(lineFrom(dayMinutes));
    const baseline = intradayGeometry(lineFrom(dayMinutes))!.baselineY;
    const aboveClip = host.querySelector('[data-side="above"]')!.getAttribute('clip-path')!.match(/#([^)]+)/)![1]!;
    const belowClip = host.querySelector('[data-side="below"]')!.getAttribute('clip-path')!.match(/#([^)]+)/)![1]!;
    const aboveRect = host.querySelector(`[id="${aboveClip}"] rect`)!;
    const belowRect = host.querySelector(`[id="${belowClip}"] rect`)!;
    expect(Number(aboveRect.getAttribute('y')) + Number(aboveRect.getAttribute('height'))).toBe(baseline);
    expect(Number(belowRect.getAttribute('y'))).toBe(baseline);
  });

  it('draws a volume bar for each minute that traded, coloured by its move', () => {
    const geometry = intradayGeometry(lineFrom(dayMinutes))!;
    const bars = (path: string) => path.match(/M/g)?.length ?? 0;
    expect(bars(geometry.volumeRise) + bars(geometry.volumeFall)).toBe(241);
    // 10:30 jumps to the high, 10:31 falls back.
    expect(geometry.volumeRise).toContain('M60 ');
    expect(geometry.volumeFall).not.toContain('M60 ');
    expect(geometry.volumeFall).toContain('M61 ');
    const barTops = [...geometry.volumeRise.matchAll(/V([\d.]+)/g)].map((match) => Number(match[1]));
    expect(Math.min(...barTops)).toBeGreaterThan(geometry.priceHeight);
  });

  it('has the numbers in words: open, high and when, low and when, last, change', () => {
    const host = show(lineFrom(dayMinutes));
    const svg = host.querySelector('svg')!;
    const caption = host.querySelector(`[id="${svg.getAttribute('aria-labelledby')}"]`)!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(caption.textContent).toBe('开 6.18，高 6.35（10:30），低 5.98（14:32），现 6.12，涨跌 -0.06 (-0.97%)');
  });

  it('names the day with the times on a five-day chart, and divides the days', () => {
    const days = ['2026-06-12', '2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18'];
    const line = lineFrom(dayMinutes, days);
    expect(summariseIntraday(line)).toMatchObject({ highAt: '06-12 10:30', lowAt: '06-12 14:32' });
    const host = show(line);
    expect(host.querySelector<HTMLElement>('[data-role="intraday"]')!.dataset.points).toBe(String(5 * 241));
    expect(intradayGeometry(line)!.dayStarts).toHaveLength(4);
  });

  it('keeps a flat day on its baseline', () => {
    const geometry = intradayGeometry(lineFrom(minutes(30, () => PREV)))!;
    expect(geometry.last.y).toBe(geometry.baselineY);
  });

  it('has nothing to draw for a line without minutes (the card then says why)', () => {
    const empty: IntradayLine = { secid: null, name: null, prevClose: PREV, decimals: 2, days: [], points: [], oddRows: 0 };
    expect(chartOf(empty)).toBeNull();
  });
});

describe('the text alternative in English', () => {
  it('names the same seven numbers', async () => {
    const { readFileSync } = await import('node:fs');
    const english = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;
    expect(english.intradaySummary!.message).toBe('Open $1, high $2 at $3, low $4 at $5, last $6, change $7');
  });
});
