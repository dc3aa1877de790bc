import type { Mention } from '../../lib/mentions';
import { KIND_LABELS } from '../shared/kind-labels';

interface Props {
  mention: Mention;
  /** 1-based position of the mention last scrolled to, or 0 before the first click. */
  position: number;
  /** How many archived articles mention this security; null until known. */
  archived: number | null;
  onSelect: (secid: string) => void;
  onOpenArchive: (secid: string) => void;
}

/** One security the article mentions; a click steps through its mentions in the text. */
export function SecurityBadge({ mention, position, archived, onSelect, onOpenArchive }: Props) {
  const label = `${mention.name} ${mention.code}，${KIND_LABELS[mention.kind]}，文中提及 ${mention.count} 次`;
  return (
    <span class="badge-group">
      <button
        type="button"
        class={`badge kind-${mention.kind}`}
        data-secid={mention.secid}
        data-kind={mention.kind}
        data-count={mention.count}
        data-position={position || undefined}
        title={`${label}。点击跳到下一处提及`}
        aria-label={label}
        onClick={() => onSelect(mention.secid)}
      >
        <span class="badge-name">{mention.name}</span>
        <span class="badge-code">{mention.code}</span>
        <span class="badge-kind">{KIND_LABELS[mention.kind]}</span>
        <span class="badge-count">{position ? `${position}/${mention.count}` : `×${mention.count}`}</span>
      </button>
      {archived !== null && archived > 0 && (
        <button
          type="button"
          class="archive-link"
          data-action="open-archive"
          data-archive-secid={mention.secid}
          data-archive-count={archived}
          title={`存档中有 ${archived} 篇文章提及${mention.name}，点击查看`}
          onClick={() => onOpenArchive(mention.secid)}
        >
          存档 {archived}
        </button>
      )}
    </span>
  );
}
