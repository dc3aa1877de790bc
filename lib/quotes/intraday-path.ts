/**
 * The intraday chart as SVG path data, from a parsed trends reply: the price
 * line against the previous close (the baseline sits in the middle, the scale
 * symmetric around it, as Eastmoney draws its 分时 chart), volume bars under it,
 * the lunch break closed up (session-axis.ts). Pure numbers and strings, so the
 * content script draws it without a charting library.
 */
import type { IntradayLine, IntradayPoint } from './intraday-reply';
import { MINUTES_PER_DAY, axisPosition, xOfPosition } from './session-axis';

export interface ChartSize {
  width: number;
  /** The price area. */
  priceHeight: number;
  /** The volume bars under it, after `gap`. */
  volumeHeight: number;
  gap: number;
}

export const DEFAULT_CHART_SIZE: ChartSize = { width: 240, priceHeight: 84, volumeHeight: 24, gap: 4 };

export interface IntradayGeometry {
  /** The closes as one path, left to right. */
  line: string;
  /** The y of the previous close; above it is up. */
  baselineY: number;
  priceHeight: number;
  /** Bars of the minutes that closed at or above the minute before, and of those that fell. */
  volumeRise: string;
  volumeFall: string;
  /** The last minute drawn. */
  last: { x: number; y: number; price: number };
  /** The x where each day after the first begins (five-day charts). */
  dayStarts: number[];
  /** How many minutes the line draws. */
  points: number;
  width: number;
  height: number;
}

/** Red up (the Chinese convention) or green up, as the settings say. */
export type Colours = 'red-up' | 'green-up';

/**
 * The colours of what is above and below the baseline. CSS variables first, so a
 * dark theme can retune them; the fallbacks are the overlay's own --up and --down.
 */
export function sideColours(colours: Colours): { above: string; below: string } {
  const red = 'var(--up, #d9302c)';
  const green = 'var(--down, #12803f)';
  return colours === 'green-up' ? { above: green, below: red } : { above: red, below: green };
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The chart of a line, or null when none of its minutes has a place on the axis. */
export function intradayGeometry(line: IntradayLine, size: ChartSize = DEFAULT_CHART_SIZE): IntradayGeometry | null {
  const { width, priceHeight, volumeHeight, gap } = size;
  const dayCount = line.days.length;
  const placed: Array<{ point: IntradayPoint; x: number }> = [];
  for (const point of line.points) {
    const position = axisPosition(point.time, line.days);
    if (position !== null) placed.push({ point, x: round(xOfPosition(position, dayCount, width)) });
  }
  if (placed.length === 0) return null;

  const base = line.prevClose;
  let reach = 0;
  for (const { point } of placed) reach = Math.max(reach, Math.abs(point.close - base));
  // A flat day still needs a scale; a tenth of a percent keeps the line on the baseline.
  const half = (reach || base * 0.001) * 1.05;
  const yOf = (price: number) => round(priceHeight / 2 - ((price - base) / half) * (priceHeight / 2));

  let maxVolume = 0;
  for (const { point } of placed) maxVolume = Math.max(maxVolume, point.volume);
  const volumeBottom = priceHeight + gap + volumeHeight;
  const barTop = (volume: number) => round(volumeBottom - (maxVolume > 0 ? (volume / maxVolume) * volumeHeight : 0));

  let path = '';
  let rise = '';
  let fall = '';
  let previousClose = base;
  for (const { point, x } of placed) {
    path += `${path ? 'L' : 'M'}${x} ${yOf(point.close)}`;
    if (point.volume > 0) {
      const bar = `M${x} ${volumeBottom}V${barTop(point.volume)}`;
      if (point.close >= previousClose) rise += bar;
      else fall += bar;
    }
    previousClose = point.close;
  }

  const lastPlaced = placed[placed.length - 1]!;
  return {
    line: path,
    baselineY: yOf(base),
    priceHeight,
    volumeRise: rise,
    volumeFall: fall,
    last: { x: lastPlaced.x, y: yOf(lastPlaced.point.close), price: lastPlaced.point.close },
    dayStarts: line.days.slice(1).map((_, i) => round(xOfPosition((i + 1) * MINUTES_PER_DAY, dayCount, width))),
    points: placed.length,
    width,
    height: volumeBottom,
  };
}

export interface IntradaySummary {
  open: number;
  high: number;
  /** "10:31", or "06-18 10:31" when the line spans days. */
  highAt: string;
  low: number;
  lowAt: string;
  last: number;
  change: number;
  /** Percent, -2.1 for −2.10 %. */
  changePct: number;
  decimals: number;
}

/** The numbers of the text alternative: 开, 高 and when, 低 and when, 现, 涨跌. Null for a line without points. */
export function summariseIntraday(line: IntradayLine): IntradaySummary | null {
  const first = line.points[0];
  const lastPoint = line.points[line.points.length - 1];
  if (!first || !lastPoint) return null;
  let high = first;
  let low = first;
  for (const point of line.points) {
    if (point.high > high.high) high = point;
    if (point.low < low.low) low = point;
  }
  const decimals = line.decimals ?? 2;
  const at = (point: IntradayPoint) => (line.days.length > 1 ? `${point.day.slice(5)} ${point.clock}` : point.clock);
  const change = Number((lastPoint.close - line.prevClose).toFixed(decimals));
  return {
    open: first.open ?? first.close,
    high: high.high,
    highAt: at(high),
    low: low.low,
    lowAt: at(low),
    last: lastPoint.close,
    change,
    changePct: Number((((lastPoint.close - line.prevClose) / line.prevClose) * 100).toFixed(2)),
    decimals,
  };
}

/**
 * What the card draws, worked out in the background from the reply: the
 * geometry, the text alternative's numbers and the baseline. Plain data, so it
 * crosses a message and the content script only puts it into SVG.
 */
export interface IntradayChartData {
  geometry: IntradayGeometry;
  summary: IntradaySummary;
  prevClose: number;
}

export function chartOf(line: IntradayLine, size: ChartSize = DEFAULT_CHART_SIZE): IntradayChartData | null {
  const geometry = intradayGeometry(line, size);
  const summary = summariseIntraday(line);
  return geometry && summary ? { geometry, summary, prevClose: line.prevClose } : null;
}
