/** Import: every article checked, refusals reported with reasons, the rest merged by id in one transaction. */
import { checkArchivedArticle } from '../archived-article';
import { putArticles } from './articles';
import type { ArchiveDb } from './schema';
import type { ArchivedArticle } from '../article-model';

/** What an import did: how many it took, created and updated, and each refusal with its reason. */
export interface ImportOutcome {
  taken: number;
  created: number;
  updated: number;
  refused: Array<{ index: number; id: string | null; reason: string }>;
}

export async function importArticles(db: ArchiveDb, candidates: unknown[], firstIndex = 0): Promise<ImportOutcome> {
  const accepted: ArchivedArticle[] = [];
  const refused: ImportOutcome['refused'] = [];
  candidates.forEach((candidate, i) => {
    const checked = checkArchivedArticle(candidate);
    if (checked.ok) accepted.push(checked.value);
    else {
      const id = (candidate as { id?: unknown } | null)?.id;
      refused.push({ index: firstIndex + i, id: typeof id === 'string' ? id.slice(0, 40) : null, reason: checked.error });
    }
  });
  const { created, updated } = accepted.length ? await putArticles(db, accepted) : { created: 0, updated: 0 };
  return { taken: accepted.length, created, updated, refused };
}
