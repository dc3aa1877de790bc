import { formatBeijingMoment } from '../../lib/beijing-time';
import { directionOf } from '../../lib/quotes/quote-reply';
import { formatChangePct, type SavedQuote } from '../../lib/quotes/quote-snapshot';
import { t } from '../../platform/i18n';

/** How a security stood when the article was saved: "+2.31% 保存时". */
export function SavedQuoteTag({ saved }: { saved: SavedQuote | undefined }) {
  if (!saved || saved.changePct === null) return null;
  const moment = saved.time ? formatBeijingMoment(saved.time) : '';
  const when = moment ? ` (${moment})` : '';
  return (
    <span
      class={`saved-quote dir-${directionOf(saved.changePct)}`}
      data-role="quote-at-save"
      data-change-pct={saved.changePct}
      title={`${t('atSaveTitle', saved.price ?? '—', formatChangePct(saved.changePct))}${when}`}
    >
      {t('atSave', formatChangePct(saved.changePct))}
    </span>
  );
}
