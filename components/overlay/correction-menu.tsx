import { useState } from 'preact/hooks';
import type { Mention } from '../../lib/article-model';
import type { CorrectionScope, ShownVerdict } from '../../lib/relevance/corrections';
import type { RelevanceVerdict } from '../../lib/relevance/types';
import { t } from '../../platform/i18n';

export type CorrectionRequest = { verdict: RelevanceVerdict; scope: CorrectionScope } | { undo: CorrectionScope };

interface Props {
  mention: Mention;
  shown: ShownVerdict;
  /** Each action gets its event, so the caller can refuse what a page script dispatched. */
  onCorrect: (request: CorrectionRequest, event: Event) => void;
}

/** A badge's corrections: "not this security" or "yes, this security", here or for this name everywhere. */
export function CorrectionMenu({ mention, shown, onCorrect }: Props) {
  const [open, setOpen] = useState(false);
  const act = (request: CorrectionRequest) => (event: Event) => {
    setOpen(false);
    onCorrect(request, event);
  };
  const other: RelevanceVerdict = shown.verdict === 'likely' ? 'doubtful' : 'likely';
  return (
    <span class="correct">
      <button
        type="button"
        class="correct-toggle"
        data-action="correct"
        data-correct-secid={mention.secid}
        aria-expanded={open}
        title={t('correctMenuTitle', mention.name)}
        onClick={() => setOpen(!open)}
      >
        {t('correctMenu')}
      </button>
      {open && (
        <span class="correct-menu" role="group" aria-label={t('correctMenuTitle', mention.name)}>
          <span>{t(other === 'doubtful' ? 'correctNotThis' : 'correctYesThis')}</span>
          <button type="button" data-correct={`${other}-article`} onClick={act({ verdict: other, scope: 'article' })}>
            {t('correctHere')}
          </button>
          <button type="button" data-correct={`${other}-everywhere`} onClick={act({ verdict: other, scope: 'everywhere' })}>
            {t('correctEverywhere', mention.name)}
          </button>
          {shown.byReader && (
            <button type="button" data-correct="undo" onClick={act({ undo: shown.byReader })}>
              {t('correctUndo')}
            </button>
          )}
        </span>
      )}
    </span>
  );
}
