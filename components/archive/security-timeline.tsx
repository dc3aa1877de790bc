import { useEffect, useRef } from 'preact/hooks';
import type uPlot from 'uplot';
import type { SecurityTimeline as Timeline } from '../../lib/archive/timeline';
import { formatBeijingMoment } from '../../lib/beijing-time';
import { t } from '../../platform/i18n';

const HEIGHT = 150;

/** The page's own colours (light or dark), for the canvas, which CSS does not reach. */
function palette(element: Element) {
  const style = getComputedStyle(element);
  const colour = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { ink: colour('--ink', '#1f2329'), muted: colour('--muted', '#646a73'), line: colour('--line', '#e3e6eb'), accent: colour('--accent', '#1d5fd6') };
}

function draw(UPlot: typeof uPlot, element: HTMLElement, timeline: Timeline): uPlot {
  const colours = palette(element);
  // One x axis for both: each bar at its period's middle, each point at its save (seconds, as uPlot counts).
  const xs = [...new Set([...timeline.buckets.map((bucket) => (bucket.start + bucket.end) / 2000), ...timeline.points.map((point) => point.savedAt / 1000)])].sort((a, b) => a - b);
  const bars = new Map(timeline.buckets.map((bucket) => [(bucket.start + bucket.end) / 2000, bucket.count]));
  const prices = new Map(timeline.points.map((point) => [point.savedAt / 1000, point.price]));
  const data: uPlot.AlignedData = [xs, xs.map((x) => bars.get(x) ?? null), xs.map((x) => prices.get(x) ?? null)];
  const axis = { stroke: colours.muted, grid: { stroke: colours.line, width: 1 }, ticks: { stroke: colours.line, width: 1 } };
  return new UPlot(
    {
      width: Math.max(240, element.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      cursor: { y: false, points: { show: false } },
      // The periods drawn, exactly: uPlot would pad a lone period by years.
      scales: {
        x: { time: true, range: () => [timeline.buckets[0]!.start / 1000, timeline.buckets.at(-1)!.end / 1000] },
        count: { range: (_, __, max) => [0, Math.max(1, max)] },
      },
      axes: [axis, { ...axis, scale: 'count', size: 36 }, { ...axis, scale: 'price', side: 1, size: 52, grid: { show: false } }],
      series: [
        {},
        { label: t('timelineArticles'), scale: 'count', stroke: colours.accent, fill: `${colours.accent}55`, paths: UPlot.paths.bars!({ size: [0.8, 40] }), points: { show: false } },
        { label: t('timelinePrice'), scale: 'price', stroke: colours.ink, width: 0, paths: () => null, points: { show: true, size: 6, fill: colours.ink, stroke: colours.ink } },
      ],
    },
    data,
    element,
  );
}

/**
 * The security view's timeline: saved articles that mention it, a bar a
 * week or a month, and on the same time axis the price saved with each
 * article as a point (where the price was when the reader read the news).
 * uPlot draws it on a canvas; the numbers are in its label for whoever
 * cannot see it.
 */
export function SecurityTimeline({ timeline }: { timeline: Timeline }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || timeline.buckets.length === 0) return;
    let plot: uPlot | null = null;
    let gone = false;
    // Loaded when a security view first draws: the popup's first rows never wait for the charting library.
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => {
      if (gone) return;
      plot = draw(UPlot, element, timeline);
      element.parentElement?.setAttribute('data-drawn', 'true');
    }).catch((error) => {
      // No canvas, or the library failed to load: the caption still says it all.
      console.warn('[EM Lens] the timeline could not be drawn', error);
    });
    return () => {
      gone = true;
      plot?.destroy();
    };
  }, [timeline]);

  const first = timeline.buckets[0];
  const last = timeline.buckets.at(-1);
  const label = first && last ? t('timelineLabel', timeline.articles, first.label, last.label, timeline.points.length) : '';
  return (
    <figure
      class="security-timeline"
      data-role="timeline"
      data-articles={timeline.articles}
      data-buckets={timeline.buckets.length}
      data-points={timeline.points.length}
      data-unit={timeline.unit}
    >
      <div ref={box} role="img" aria-label={label} />
      <figcaption class="muted">
        {label}
        {timeline.points.length > 0 && ` · ${t('timelineLastPrice', timeline.points.at(-1)!.price, formatBeijingMoment(timeline.points.at(-1)!.savedAt))}`}
      </figcaption>
    </figure>
  );
}
