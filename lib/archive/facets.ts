/**
 * Facet counts: how many archived articles mention each security, have each
 * kind, source and tag. Kept in step with every write, in the same
 * transaction, so filter lists never need a scan of the archive.
 */
import type { ArchiveDb, Facet, FacetType } from './schema';
import type { ArticleListing } from '../article-model';

type Counted = Pick<ArticleListing, 'mentions' | 'kinds' | 'source' | 'tags' | 'likelySecids'>;

function facetsOf(listing: Counted | undefined): Facet[] {
  if (!listing) return [];
  return [
    ...listing.mentions.map((m): Facet => ({ type: 'secid', value: m.secid, count: 1, name: m.name, kind: m.kind })),
    ...likelyMentions(listing).map((m): Facet => ({ type: 'likely', value: m.secid, count: 1, name: m.name, kind: m.kind })),
    ...listing.kinds.map((kind): Facet => ({ type: 'kind', value: kind, count: 1 })),
    ...(listing.source ? [{ type: 'source', value: listing.source, count: 1 } as Facet] : []),
    ...listing.tags.map((tag): Facet => ({ type: 'tag', value: tag, count: 1 })),
  ];
}

/** The mentions an article is likely about; every one, in listings written before there were verdicts. */
function likelyMentions(listing: Counted) {
  const likely = listing.likelySecids;
  return likely ? listing.mentions.filter((mention) => likely.includes(mention.secid)) : listing.mentions;
}

/** +1 for each facet `after` has and `before` lacks, −1 for the reverse. */
export function facetDeltas(before: Counted | undefined, after: Counted | undefined): Facet[] {
  const key = (facet: Facet) => `${facet.type}\u0000${facet.value}`;
  const old = new Map(facetsOf(before).map((facet) => [key(facet), facet]));
  const now = new Map(facetsOf(after).map((facet) => [key(facet), facet]));
  const deltas: Facet[] = [];
  for (const [k, facet] of now) {
    // A security seen again refreshes its name even when the count is unchanged.
    if (!old.has(k)) deltas.push(facet);
    else if (facet.type === 'secid' || facet.type === 'likely') deltas.push({ ...facet, count: 0 });
  }
  for (const [k, facet] of old) if (!now.has(k)) deltas.push({ ...facet, count: -1 });
  return deltas;
}

/**
 * Many articles' deltas as one per facet: counts added up, the last name
 * and kind seen kept. applyFacetDeltas reads and writes each facet once, so
 * two deltas of the same facet in one call would each read the old count.
 */
export function sumFacetDeltas(deltas: Facet[]): Facet[] {
  const summed = new Map<string, Facet>();
  for (const delta of deltas) {
    const key = `${delta.type}\u0000${delta.value}`;
    const known = summed.get(key);
    summed.set(key, known ? { ...known, ...delta, count: known.count + delta.count } : delta);
  }
  return [...summed.values()];
}

type FacetStore = {
  get(key: [FacetType, string]): Promise<Facet | undefined>;
  put(value: Facet): Promise<unknown>;
  delete(key: [FacetType, string]): Promise<unknown>;
};

export async function applyFacetDeltas(store: FacetStore, deltas: Facet[]): Promise<void> {
  await Promise.all(
    deltas.map(async (delta) => {
      const known = await store.get([delta.type, delta.value]);
      const count = (known?.count ?? 0) + delta.count;
      if (count <= 0) await store.delete([delta.type, delta.value]);
      else await store.put({ ...known, ...delta, count });
    }),
  );
}

/** The facets of a type, most common first: all of them, or the `limit` most common. */
export async function listFacets(db: ArchiveDb, type: FacetType, limit = Infinity): Promise<Facet[]> {
  const facets = await db.getAllFromIndex('facets', 'by-type', type);
  return facets.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, limit);
}

/** How many archived articles mention each of the secids (0 for none): likely mentions only, unless `type` is secid. */
export async function countsForSecids(
  db: ArchiveDb,
  secids: string[],
  type: 'likely' | 'secid' = 'likely',
): Promise<Record<string, number>> {
  const tx = db.transaction('facets', 'readonly');
  const found = await Promise.all(secids.map((secid) => tx.store.get([type, secid])));
  await tx.done;
  return Object.fromEntries(secids.map((secid, i) => [secid, found[i]?.count ?? 0]));
}

/** One facet's count, name and kind, or undefined when no archived article has it. */
export function getFacet(db: ArchiveDb, type: FacetType, value: string): Promise<Facet | undefined> {
  return db.get('facets', [type, value]);
}
