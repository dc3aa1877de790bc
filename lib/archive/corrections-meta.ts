/** Where the archive keeps the reader's corrections: one entry of its meta store, checked as it is read. */
import { checkCorrections, type Corrections } from '../relevance/corrections';

export const CORRECTIONS_KEY = 'corrections';

type MetaStore = { get(key: string): Promise<unknown> };

export async function readCorrections(meta: MetaStore): Promise<Corrections> {
  return checkCorrections(await meta.get(CORRECTIONS_KEY));
}
