import { t } from '../../platform/i18n';
interface Props {
  value: string;
  onInput: (value: string) => void;
}

/** One box over titles, summaries, bodies, sources, tags, notes and securities. */
export function SearchBox({ value, onInput }: Props) {
  return (
    <input
      type="search"
      class="search"
      value={value}
      placeholder={t('searchPlaceholder')}
      aria-label={t('searchLabel')}
      autoFocus
      onInput={(event) => onInput((event.target as HTMLInputElement).value)}
    />
  );
}
