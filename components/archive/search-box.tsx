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
      placeholder="搜索标题、正文、证券名称或代码、标签、笔记"
      aria-label="搜索存档"
      autoFocus
      onInput={(event) => onInput((event.target as HTMLInputElement).value)}
    />
  );
}
