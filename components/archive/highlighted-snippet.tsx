import type { Snippet } from '../../lib/search/snippet';

/** Why an article matched: the text around the match, matches marked. */
export function HighlightedSnippet({ snippet }: { snippet: Snippet }) {
  return (
    <p class="snippet" data-role="snippet">
      {snippet.parts.map((part, i) => (i % 2 === 1 ? <mark>{part}</mark> : part))}
    </p>
  );
}
