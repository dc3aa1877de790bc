import { useEffect, useRef, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import type { PricePoint, SecurityTimeline as Timeline, TimelineBucket } from '../../lib/archive/timeline';
import { periodDays } from '../../lib/archive/timeline';
import { formatBeijingMoment } from '../../lib/beijing-time';
import { t } from '../../platform/i18n';
import { loadChartLibrary } from './chart-library';

const HEIGHT = 150;
/** How near (CSS px) the pointer must come to a price point to show its article. */
const POINT_REACH = 8;
/** How far a key moves along the bars or the points. */
const STEPS: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity };

/** The page's own colours (light or dark), for the canvas, which CSS does not reach. */
function palette(element: Element) {
  const style = getComputedStyle(element);
  const colour = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { ink: colour('--ink', '#1f2329'), muted: colour('--muted', '#646a73'), line: colour('--line', '#e3e6eb'), accent: colour('--accent', '#1d5fd6') };
}

const middle = (bucket: TimelineBucket) => (bucket.start + bucket.end) / 2000;

/** The plotted values: one x axis for bars, the chosen bar and points (seconds, as uPlot counts). */
function plotData(timeline: Timeline, chosen: number): uPlot.AlignedData {
  const xs = [...new Set([...timeline.buckets.map(middle), ...timeline.points.map((point) => point.savedAt / 1000)])].sort((a, b) => a - b);
  const bars = new Map(timeline.buckets.map((bucket) => [middle(bucket), bucket.count]));
  const prices = new Map(timeline.points.map((point) => [point.savedAt / 1000, point.price]));
  const picked = timeline.buckets[chosen];
  const pickedX = picked ? middle(picked) : NaN;
  return [xs, xs.map((x) => bars.get(x) ?? null), xs.map((x) => (x === pickedX ? picked!.count : null)), xs.map((x) => prices.get(x) ?? null)];
}

function draw(UPlot: typeof uPlot, element: HTMLElement, timeline: Timeline, chosen: number, drawn: (plot: uPlot) => void): uPlot {
  const colours = palette(element);
  const axis = { stroke: colours.muted, grid: { stroke: colours.line, width: 1 }, ticks: { stroke: colours.line, width: 1 } };
  const bars = UPlot.paths.bars!({ size: [0.8, 40] });
  return new UPlot(
    {
      width: Math.max(240, element.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      // Positions are known once the plot has its size, which uPlot works out after the constructor returns.
      hooks: { draw: [drawn] },
      // A drag would zoom: the bars are for choosing a period, not for zooming.
      cursor: { y: false, points: { show: false }, drag: { x: false, y: false } },
      // The periods drawn, exactly: uPlot would pad a lone period by years.
      scales: {
        x: { time: true, range: () => [timeline.buckets[0]!.start / 1000, timeline.buckets.at(-1)!.end / 1000] },
        count: { range: (_, __, max) => [0, Math.max(1, max)] },
      },
      axes: [axis, { ...axis, scale: 'count', size: 36 }, { ...axis, scale: 'price', side: 1, size: 52, grid: { show: false } }],
      series: [
        {},
        { label: t('timelineArticles'), scale: 'count', stroke: colours.accent, fill: `${colours.accent}55`, paths: bars, points: { show: false } },
        // The chosen period, drawn over its bar in full colour.
        { label: t('timelineChosen'), scale: 'count', stroke: colours.accent, fill: colours.accent, paths: bars, points: { show: false } },
        { label: t('timelinePrice'), scale: 'price', stroke: colours.ink, width: 0, paths: () => null, points: { show: true, size: 6, fill: colours.ink, stroke: colours.ink } },
      ],
    },
    plotData(timeline, chosen),
    element,
  );
}

/** Where the plot's bars and points are, in CSS px from the chart box's corner. */
interface Layout {
  top: number;
  height: number;
  bars: Array<{ left: number; width: number }>;
  points: Array<{ x: number; y: number }>;
}

function layoutOf(plot: uPlot, element: HTMLElement, timeline: Timeline): Layout {
  const box = element.getBoundingClientRect();
  const over = plot.over.getBoundingClientRect();
  const left = over.left - box.left;
  const x = (ms: number) => left + plot.valToPos(ms / 1000, 'x');
  return {
    top: over.top - box.top,
    height: over.height,
    bars: timeline.buckets.map((bucket) => ({ left: x(bucket.start), width: Math.max(2, x(bucket.end) - x(bucket.start)) })),
    points: timeline.points.map((point) => ({ x: x(point.savedAt), y: over.top - box.top + plot.valToPos(point.price, 'price') })),
  };
}

/** The point nearest (x, y) within reach; points run left to right. */
function nearestPoint(points: Layout['points'], x: number, y: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (points[mid]!.x < x - POINT_REACH) low = mid + 1;
    else high = mid;
  }
  let best = -1;
  let bestDistance = POINT_REACH ** 2;
  for (let at = low; at < points.length && points[at]!.x <= x + POINT_REACH; at += 1) {
    const distance = (points[at]!.x - x) ** 2 + (points[at]!.y - y) ** 2;
    if (distance <= bestDistance) {
      best = at;
      bestDistance = distance;
    }
  }
  return best;
}

interface Props {
  timeline: Timeline;
  /** The index of the period the list is narrowed to; -1 for none. */
  chosen?: number;
  /** A bar chosen (or chosen again, to let it go: null). */
  onChoose?: (period: { savedFrom: string; savedTo: string } | null) => void;
  /** The title of a saved article, for the point under the pointer. */
  titleOf?: (id: string) => Promise<string | undefined>;
  onRead?: (id: string) => void;
}

/**
 * The security view's timeline: saved articles that mention it, a bar a
 * week or a month, and on the same time axis the price saved with each
 * article as a point (where the price was when the reader read the news).
 * uPlot draws it on a canvas; over it lie a button a period (a click
 * narrows the list to that period) and one button for the price point under
 * the pointer or keyboard, which names its article and opens it. The
 * numbers are in its label for whoever cannot see it.
 */
export function SecurityTimeline({ timeline, chosen = -1, onChoose, titleOf, onRead }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [layout, setLayout] = useState<Layout | null>(null);
  const [active, setActive] = useState(-1);
  const [title, setTitle] = useState<{ id: string; text: string } | null>(null);
  const chosenNow = useRef(chosen);
  chosenNow.current = chosen;

  useEffect(() => {
    const element = box.current;
    setLayout(null);
    setActive(-1);
    if (!element || timeline.buckets.length === 0) return;
    let gone = false;
    void loadChartLibrary().then((UPlot) => {
      if (gone) return;
      plot.current = draw(UPlot, element, timeline, chosenNow.current, (drawnPlot) => {
        if (gone) return;
        setLayout(layoutOf(drawnPlot, element, timeline));
        element.closest('[data-role="timeline"]')?.setAttribute('data-drawn', 'true');
      });
    }).catch((error) => {
      // No canvas, or the library failed to load: the caption still says it all.
      console.warn('[EM Lens] the timeline could not be drawn', error);
    });
    return () => {
      gone = true;
      plot.current?.destroy();
      plot.current = null;
    };
  }, [timeline]);

  useEffect(() => {
    plot.current?.setData(plotData(timeline, chosen), false);
  }, [chosen]);

  const point: PricePoint | undefined = timeline.points[active];
  useEffect(() => {
    if (!point || !titleOf) return;
    let current = true;
    void titleOf(point.id).then((text) => current && setTitle({ id: point.id, text: text ?? '' }), () => {});
    return () => {
      current = false;
    };
  }, [point?.id]);

  const choose = (index: number) => {
    if (!onChoose) return;
    onChoose(index === chosen ? null : periodDays(timeline.buckets[index]!));
  };

  // Bars with articles, one tab stop among them: the arrow keys go from period to period.
  const filled = timeline.buckets.map((bucket, index) => ({ bucket, index })).filter(({ bucket }) => bucket.count > 0);
  const tabStop = filled.some(({ index }) => index === chosen) ? chosen : (filled.at(-1)?.index ?? -1);
  const barKey = (event: KeyboardEvent) => {
    const step = STEPS[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('[data-period]')];
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    buttons[Math.min(buttons.length - 1, Math.max(0, at + step))]?.focus();
  };
  const pointKey = (event: KeyboardEvent) => {
    const step = STEPS[event.key];
    if (step === undefined) return;
    event.preventDefault();
    setActive((at) => Math.min(timeline.points.length - 1, Math.max(0, (at < 0 ? timeline.points.length : at) + step)));
  };
  const hover = (event: MouseEvent) => {
    if (!layout || (event.target as Element).closest('[data-role="price-point"]')) return;
    const rect = box.current!.getBoundingClientRect();
    setActive(nearestPoint(layout.points, event.clientX - rect.left, event.clientY - rect.top));
  };

  const first = timeline.buckets[0];
  const last = timeline.buckets.at(-1);
  const label = first && last ? t('timelineLabel', timeline.articles, first.label, last.label, timeline.points.length) : '';
  const spot = layout && point ? layout.points[active] : undefined;
  const pointText = point ? t('timelinePoint', formatBeijingMoment(point.savedAt), point.price) : '';
  const pointTitle = point && title?.id === point.id ? title.text : '';
  return (
    <figure
      class="security-timeline"
      data-role="timeline"
      data-articles={timeline.articles}
      data-buckets={timeline.buckets.length}
      data-points={timeline.points.length}
      data-unit={timeline.unit}
      data-chosen={timeline.buckets[chosen]?.label}
    >
      <div class="timeline-plot" onMouseMove={hover} onMouseLeave={() => document.activeElement?.getAttribute('data-role') !== 'price-point' && setActive(-1)}>
        <div ref={box} role="img" aria-label={label} />
        {layout && onChoose && (
          <div class="timeline-periods" role="group" aria-label={t('timelinePeriods')} onKeyDown={barKey}>
            {filled.map(({ bucket, index }) => (
              <button
                type="button"
                class="timeline-period"
                data-period={periodDays(bucket).savedFrom}
                data-count={bucket.count}
                aria-pressed={index === chosen}
                tabIndex={index === tabStop ? 0 : -1}
                aria-label={t(timeline.unit === 'week' ? 'timelineWeek' : 'timelineMonth', bucket.label, bucket.count)}
                title={t(timeline.unit === 'week' ? 'timelineWeek' : 'timelineMonth', bucket.label, bucket.count)}
                style={{ left: `${layout.bars[index]!.left}px`, width: `${layout.bars[index]!.width}px`, top: `${layout.top}px`, height: `${layout.height}px` }}
                onClick={() => choose(index)}
              />
            ))}
          </div>
        )}
        {layout && timeline.points.length > 0 && (
          <button
            type="button"
            class="timeline-point"
            data-role="price-point"
            data-point-article={point?.id}
            aria-label={point ? `${pointTitle} ${pointText}` : t('timelinePoints', timeline.points.length)}
            data-active={spot ? 'true' : 'false'}
            style={spot ? { left: `${spot.x}px`, top: `${spot.y}px` } : { left: `${layout.points.at(-1)!.x}px`, top: `${layout.points.at(-1)!.y}px` }}
            onFocus={() => setActive((at) => (at < 0 ? timeline.points.length - 1 : at))}
            onBlur={() => setActive(-1)}
            onKeyDown={pointKey}
            onClick={() => point && onRead?.(point.id)}
          />
        )}
        {spot && point && (
          <p
            class="timeline-article"
            data-role="point-article"
            aria-hidden="true"
            style={{ left: `${spot.x}px`, top: `${spot.y}px` }}
          >
            <strong>{pointTitle}</strong>
            <span class="muted">{pointText}</span>
          </p>
        )}
      </div>
      <figcaption class="muted">
        {label}
        {timeline.points.length > 0 && ` · ${t('timelineLastPrice', timeline.points.at(-1)!.price, formatBeijingMoment(timeline.points.at(-1)!.savedAt))}`}
      </figcaption>
    </figure>
  );
}
