import type { Mention } from '../../lib/mentions';
import { KIND_LABELS } from '../shared/kind-labels';

interface Props {
  mention: Mention;
  /** 1-based position of the mention last scrolled to, or 0 before the first click. */
  position: number;
  onSelect: (secid: string) => void;
}

/** One security the article mentions; a click steps through its mentions in the text. */
export function SecurityBadge({ mention, position, onSelect }: Props) {
  const label = `${mention.name} ${mention.code}，${KIND_LABELS[mention.kind]}，文中提及 ${mention.count} 次`;
  return (
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
  );
}
