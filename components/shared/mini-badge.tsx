import type { Mention } from '../../lib/article-model';
import type { SavedQuote } from '../../lib/quotes/quote-snapshot';
import { t } from '../../platform/i18n';
import { kindLabel } from './kind-labels';
import { SavedQuoteTag } from './saved-quote';

interface Props {
  mention: Mention;
  /** How it stood when the article was saved, where quotes were on. */
  saved: SavedQuote | undefined;
  focused?: boolean;
  /** Show code and kind beside the name (the reader has room for them). */
  detailed?: boolean;
  /** Why the article is likely not about it, when it is doubtful (the rules' reason or the reader's correction). */
  doubt?: string | null;
  onSelect: (secid: string, doubtful: boolean) => void;
}

/** A security of a saved article; a click shows every saved article that mentions it. */
export function MiniBadge({ mention, saved, focused = false, detailed = false, doubt = null, onSelect }: Props) {
  return (
    <li>
      <button
        type="button"
        class={`mini-badge kind-${mention.kind}${focused ? ' is-focus' : ''}${doubt ? ' is-doubtful' : ''}`}
        data-secid={mention.secid}
        data-kind={mention.kind}
        data-count={mention.count}
        data-doubtful={doubt ? 'true' : 'false'}
        title={`${t('miniBadgeTitle', mention.code, kindLabel(mention.kind), mention.count)}${doubt ? `\n${doubt}` : ''}`}
        onClick={() => onSelect(mention.secid, doubt !== null)}
      >
        {mention.name}
        <span class="mini-count">{detailed ? ` ${mention.code} · ${kindLabel(mention.kind)} ×${mention.count}` : `×${mention.count}`}</span>
        <SavedQuoteTag saved={saved} />
      </button>
    </li>
  );
}
