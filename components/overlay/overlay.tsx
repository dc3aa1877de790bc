import type { Mention } from '../../lib/mentions';
import { formatBeijingTime } from '../../lib/beijing-time';
import { SaveButton, type SaveState } from './save-button';
import { SecurityBadge } from './security-badge';

export interface OverlayProps {
  articleId: string;
  source: string | null;
  publishedAt: string | null;
  /** Already sorted: most mentioned first. */
  mentions: Mention[];
  saveState: SaveState;
  error: string | null;
  positions: Record<string, number>;
  onSave: () => void;
  onSelectSecurity: (secid: string) => void;
}

/** The panel above an article: where it is from, what it mentions, and Save. */
export function Overlay(props: OverlayProps) {
  const { mentions } = props;
  const facts = [props.source, formatBeijingTime(props.publishedAt)].filter(Boolean);
  return (
    <section class="panel" data-role="summary" data-article-id={props.articleId} aria-label="EM Lens 文章概要">
      <header class="head">
        <span class="brand" title="EM Lens 东财透镜">东财透镜</span>
        <span class="facts">
          {facts.map((fact) => (
            <span class="fact">{fact}</span>
          ))}
          <span class="fact" data-role="mention-total">
            {mentions.length ? `提及 ${mentions.length} 只证券` : '未标注证券'}
          </span>
        </span>
        <SaveButton state={props.saveState} onSave={props.onSave} />
      </header>
      {mentions.length > 0 && (
        <div class="badges" role="list">
          {mentions.map((mention) => (
            <div role="listitem" key={mention.secid}>
              <SecurityBadge
                mention={mention}
                position={props.positions[mention.secid] ?? 0}
                onSelect={props.onSelectSecurity}
              />
            </div>
          ))}
        </div>
      )}
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
    </section>
  );
}
