import { useMemo } from 'preact/hooks';
import { sideColours, type Colours, type IntradayChartData } from '../../lib/quotes/intraday-path';
import { formatChangePct } from '../../lib/quotes/quote-snapshot';
import { t } from '../../platform/i18n';

let charts = 0;

/**
 * The day's price line on the quote card: red above the previous close and
 * green below (or the other way round), volume beneath, the last minute marked,
 * and the numbers in words for whoever cannot see it. The background worked
 * out the geometry (intraday-path.ts); this only draws it.
 */
export function IntradayChart({ chart, colours }: { chart: IntradayChartData; colours: Colours }) {
  // Clip path ids must be unique in the shadow root, and stable across renders.
  const id = useMemo(() => `intraday-${(charts += 1)}`, []);
  const { geometry, summary } = chart;
  const { above, below } = sideColours(colours);
  const { width, height, baselineY, priceHeight, last } = geometry;
  const price = (value: number) => value.toFixed(summary.decimals);
  const text = t(
    'intradaySummary',
    price(summary.open),
    price(summary.high),
    summary.highAt,
    price(summary.low),
    summary.lowAt,
    price(summary.last),
    `${summary.change > 0 ? '+' : ''}${price(summary.change)} (${formatChangePct(summary.changePct)})`,
  );
  return (
    <figure class="intraday" data-role="intraday" data-points={geometry.points} data-last={String(last.price)}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-text`}>
        <defs>
          <clipPath id={`${id}-above`}>
            <rect x={-2} y={-2} width={width + 4} height={baselineY + 2} />
          </clipPath>
          <clipPath id={`${id}-below`}>
            <rect x={-2} y={baselineY} width={width + 4} height={priceHeight - baselineY + 2} />
          </clipPath>
        </defs>
        <line x1={0} x2={width} y1={baselineY} y2={baselineY} stroke="currentColor" stroke-opacity={0.35} stroke-dasharray="2 2" />
        {geometry.dayStarts.map((x) => (
          <line key={x} x1={x} x2={x} y1={0} y2={height} stroke="currentColor" stroke-opacity={0.15} />
        ))}
        <path d={geometry.line} fill="none" stroke={above} stroke-width={1.2} clip-path={`url(#${id}-above)`} data-side="above" />
        <path d={geometry.line} fill="none" stroke={below} stroke-width={1.2} clip-path={`url(#${id}-below)`} data-side="below" />
        <path d={geometry.volumeRise} stroke={above} data-volume="rise" />
        <path d={geometry.volumeFall} stroke={below} data-volume="fall" />
        <circle cx={last.x} cy={last.y} r={2.5} fill={last.price >= chart.prevClose ? above : below} data-role="intraday-last" />
      </svg>
      <figcaption id={`${id}-text`} class="muted">
        {text}
      </figcaption>
    </figure>
  );
}
