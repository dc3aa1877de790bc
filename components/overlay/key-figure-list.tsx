import type { KeyFigure } from '../../lib/key-figures';
import { t } from '../../platform/i18n';

/** The article's key figures, most telling first; a click finds each in the text. */
export function KeyFigureList({ figures, onSelect }: { figures: KeyFigure[]; onSelect: (figure: KeyFigure) => void }) {
  if (!figures.length) return null;
  return (
    <div class="figures" role="group" aria-label={t('keyFigures')}>
      <span class="figures-label">{t('keyFigures')}</span>
      {figures.map((figure) => (
        <button
          type="button"
          class="figure"
          data-figure={figure.text}
          data-value={figure.value}
          data-unit={figure.unit}
          data-source={figure.source}
          title={t('keyFigureTitle', figure.label || figure.text, figure.text)}
          onClick={() => onSelect(figure)}
        >
          {figure.label && <span class="figure-label">{figure.label}</span>}
          <span class="figure-value">{figure.text}</span>
        </button>
      ))}
    </div>
  );
}
