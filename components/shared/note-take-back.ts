import { useState } from 'preact/hooks';
import type { Annotation } from '../../lib/article-model';
import type { createSender } from '../../lib/protocol';

interface Replaced {
  id: string;
  title: string;
  mine: Annotation;
  theirs: Annotation;
}

/**
 * Saves a note as an editor asks, and keeps the one it replaced when another
 * hand had changed it since the editor opened, for the toast to offer back.
 * The archive page, the popup and the reader all save notes this way.
 */
export function useNoteTakeBack(send: ReturnType<typeof createSender>) {
  const [replaced, setReplaced] = useState<Replaced | null>(null);
  return {
    replaced,
    async annotate(id: string, title: string, annotation: Annotation & { was?: Annotation }) {
      const reply = await send('bg:annotate-article', { id, ...annotation });
      setReplaced(reply.replaced ? { id, title, mine: { tags: annotation.tags, note: annotation.note }, theirs: reply.replaced } : null);
    },
    /** Writes the replaced note back, over the one that replaced it. */
    async takeBack() {
      if (!replaced) return;
      setReplaced(null);
      await send('bg:annotate-article', { id: replaced.id, ...replaced.theirs, was: replaced.mine });
    },
    dismiss: () => setReplaced(null),
  };
}
