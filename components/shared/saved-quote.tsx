import { formatBeijingClock } from '../../lib/beijing-time';
import { directionOf } from '../../lib/quotes/quote-reply';
import { formatChangePct, type SavedQuote } from '../../lib/quotes/quote-snapshot';

/** How a security stood when the article was saved: "+2.31% 保存时". */
export function SavedQuoteTag({ saved }: { saved: SavedQuote | undefined }) {
  if (!saved || saved.changePct === null) return null;
  const when = saved.time ? `（行情时间 ${new Date(saved.time).toISOString().slice(0, 10)} ${formatBeijingClock(saved.time)}）` : '';
  return (
    <span
      class={`saved-quote dir-${directionOf(saved.changePct)}`}
      data-role="quote-at-save"
      data-change-pct={saved.changePct}
      title={`保存时最新价 ${saved.price ?? '—'}，涨跌幅 ${formatChangePct(saved.changePct)}${when}`}
    >
      {formatChangePct(saved.changePct)} 保存时
    </span>
  );
}
