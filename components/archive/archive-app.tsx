import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Annotation, ArchivedArticle } from '../../lib/article-model';
import { getArticle } from '../../lib/archive/articles';
import type { ArchiveDb } from '../../lib/archive/schema';
import { getFacet, listFacets } from '../../lib/archive/facets';
import { countPending } from '../../lib/archive/search-index';
import { countArchive, isFiltered, LIST_PAGE_SIZE, listingsUnder, queryArchive, withoutPeriod, type ArchiveFilter, type ResultPage } from '../../lib/archive/query';
import { searchFromFilter } from '../../lib/archive/filter-url';
import type { createSender } from '../../lib/protocol';
import { ArticleList } from './article-list';
import { EmptyArchive } from './empty-archive';
import { FilterBar, type Facets } from './filter-bar';
import { ImportReport } from './import-report';
import { SearchBox } from './search-box';
import { SecurityHeader } from './security-header';
import { SyncLine, type SyncSource } from './sync-line';
import { SecurityTimeline } from './security-timeline';
import { loadChartLibrary } from './chart-library';
import { chosenPeriod, loadReadingAbout, loadSecurityTimeline, recentListingsBySaved, savedMentionsBySecid, savedMentionsIn, type ReadingAbout as Reading, type SecurityTimeline as Timeline } from '../../lib/archive/timeline';
import { ReadingAbout } from './reading-about';
import { TransferMenu } from './transfer-menu';
import { useNoteTakeBack } from '../shared/note-take-back';
import { NoteReplacedToast, UndoToast } from '../shared/undo-toast';
import { AutoSaveSwitch } from './auto-save-switch';
import { ThisPageBar, type ActivePage } from './this-page-bar';
import { exportFile } from '../../lib/transfer/export-file';
import type { Room } from '../../lib/storage/storage-room';
import { importFile, type ImportResult } from '../../lib/transfer/import-file';
import { t } from '../../platform/i18n';

const SEARCH_DELAY_MS = 120;

export interface ArchiveServices {
  /** Reads go straight to IndexedDB (same origin); writes go through the background. */
  archive: () => Promise<ArchiveDb>;
  send: ReturnType<typeof createSender>;
  openUrl: (url: string) => void;
  openReader: (id: string) => void;
  download: (name: string, data: Blob) => void;
  /** The tab the popup was opened over, and reading it as a copy of an article (popup only). */
  activePage?: () => Promise<ActivePage | null>;
  readPage?: (tabId: number) => Promise<void>;
  /** Whether `bytes` more fit in the browser's storage (an import asks before it starts). */
  room?: (bytes: number) => Promise<Room>;
  /** The "save every article opened" setting, where the page can change it. */
  autoSave?: { get: () => Promise<boolean>; set: (on: boolean) => Promise<void> };
  /** Where sync stands (popup only). */
  sync?: SyncSource;
  /** The background's copy of the newest page (lib/archive/newest-page.ts), drawn until the archive's own page is read; null when there is none. */
  newestPage?: () => Promise<ResultPage | null>;
}

interface Props extends ArchiveServices {
  initialFilter?: ArchiveFilter;
  /** `page` when shown in a tab: wider, and the URL follows the filter. */
  layout?: 'popup' | 'page';
  onFilterChange?: (filter: ArchiveFilter) => void;
}

const NO_FACETS: Facets = { secid: [], kind: [], source: [], tag: [] };
const FACET_TYPES = ['secid', 'kind', 'source', 'tag'] as const;
/**
 * The most common of each kind of filter value; the search box finds the
 * rest (a code or a name). Years of reading name thousands of securities,
 * more than a list can offer, or the popup draw in time.
 */
const FACETS_LISTED = 100;

/** The archive: search, filters, the security view, the list, and import/export. */
export function ArchiveApp(props: Props) {
  const { archive, send } = props;
  const [filter, setFilter] = useState<ArchiveFilter>(props.initialFilter ?? {});
  const [page, setPage] = useState<ResultPage | null>(null);
  const [facets, setFacets] = useState<Facets>(NO_FACETS);
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [removed, setRemoved] = useState<ArchivedArticle | null>(null);
  const [report, setReport] = useState<ImportResult | null>(null);
  // True while the rows on screen are the background's copy, not yet the archive's own read.
  const [fromCopy, setFromCopy] = useState(false);
  const query = useRef(0);

  const load = useCallback(
    async (current: ArchiveFilter, offset = 0) => {
      const ticket = ++query.current;
      let read = false;
      // Only the page's first list waits for the archive to open; later ones find it open.
      const first = ticket === 1;
      if (first && !offset && props.newestPage && !isFiltered(current) && !current.text?.trim() && !current.doubtful) {
        void props
          .newestPage()
          .then((copy) => {
            if (!copy || read || ticket !== query.current) return;
            setPage(copy);
            setFromCopy(true);
          })
          .catch(() => {});
      }
      try {
        const db = await archive();
        // The first rows go on screen before anything is counted: counting an
        // archive of tens of thousands takes longer than reading a page of it.
        const result = await queryArchive(db, current, { limit: LIST_PAGE_SIZE, offset, withTotal: false });
        if (ticket !== query.current) return; // a newer query has started
        read = true;
        setFromCopy(false);
        setPage((before) =>
          offset && before ? { ...result, items: [...before.items, ...result.items], total: result.total ?? before.total } : result,
        );
        setError(null);
        if (result.total === null && !offset) {
          const total = await countArchive(db, current);
          if (ticket === query.current) setPage((shown) => shown && { ...shown, total });
        }
        setPending(await countPending(db));
      } catch (failure) {
        setError(t('readFailed', failure instanceof Error ? failure.message : String(failure)));
      }
    },
    [archive, props.newestPage],
  );

  const loadFacets = useCallback(
    async (current: ArchiveFilter) => {
      const db = await archive();
      // Securities count the articles likely about them, unless the reader asks for doubtful mentions too.
      const stored = (type: (typeof FACET_TYPES)[number]) => (type === 'secid' && !current.doubtful ? 'likely' : type);
      const lists = await Promise.all(FACET_TYPES.map((type) => listFacets(db, stored(type), FACETS_LISTED)));
      // A filter set from a badge, a link or the URL may name one beyond the most common.
      const chosen = await Promise.all(
        FACET_TYPES.map((type, i) => {
          const value = current[type];
          return value && !lists[i]!.some((facet) => facet.value === value) ? getFacet(db, stored(type), value) : undefined;
        }),
      );
      const [secid, kind, source, tag] = lists.map((list, i) => (chosen[i] ? [...list, chosen[i]!] : list));
      setFacets({ secid: secid!, kind: kind!, source: source!, tag: tag! });
    },
    [archive],
  );

  // Search as one types, a moment after the last key.
  useEffect(() => {
    const timer = setTimeout(() => void load(filter), filter.text ? SEARCH_DELAY_MS : 0);
    props.onFilterChange?.(filter);
    return () => clearTimeout(timer);
  }, [filter, load]);

  // The filter lists come after the first rows: those are what the person opened the archive for.
  // (Not while the copy is shown: the first read of the archive goes first.)
  const shown = page !== null && !fromCopy;
  useEffect(() => {
    if (shown) void loadFacets(filter);
  }, [shown, filter.secid, filter.source, filter.tag, filter.doubtful, loadFacets]);

  // Articles saved a moment ago are indexed in the background: look again until they are.
  useEffect(() => {
    if (!pending || !filter.text) return;
    const timer = setTimeout(() => void load(filter), 400);
    return () => clearTimeout(timer);
  }, [pending, page]);

  const refresh = async () => {
    await Promise.all([load(filter), loadFacets(filter)]);
    setRevision((count) => count + 1);
  };

  const remove = async (id: string) => {
    const db = await archive();
    const full = await getArticle(db, id);
    await send('bg:delete-article', { id });
    setRemoved(full ? { ...full } : null);
    await refresh();
  };

  const undo = async () => {
    if (!removed) return;
    await send('bg:restore-article', { article: removed });
    setRemoved(null);
    await refresh();
  };

  // Another hand (the popup, another tab, the reader) changed the note after this editor opened: what it wrote is offered back.
  const notes = useNoteTakeBack(send);
  const annotate = async (id: string, annotation: Annotation & { was?: Annotation }) => {
    await notes.annotate(id, page?.items.find((item) => item.listing.id === id)?.listing.title ?? '', annotation);
    await refresh();
  };
  const takeBack = async () => {
    await notes.takeBack();
    await refresh();
  };

  // From a doubtful badge the view takes doubtful mentions too, or it would show nothing.
  const selectSecurity = (secid: string, doubtful: boolean) =>
    setFilter({ ...filter, secid, doubtful: doubtful ? 'include' : filter.doubtful });

  const runExport = async (format: 'json' | 'markdown' | 'csv', scope: 'all' | 'filter') => {
    try {
      const file = await exportFile(await archive(), format, scope === 'all' ? {} : filter);
      props.download(file.name, file.data);
    } catch (failure) {
      setError(t('exportFailed', failure instanceof Error ? failure.message : String(failure)));
    }
  };

  const runImport = async (file: File) => {
    setReport(
      await importFile(
        file,
        (articles) => send('bg:import-articles', { articles }),
        props.room,
        (corrections) => send('bg:import-corrections', { corrections }),
      ),
    );
    await refresh();
  };

  // The security view's timeline counts what the list shows but for the chosen period, so every period stays in view.
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [revision, setRevision] = useState(0);
  const timelineFilter = withoutPeriod(filter);
  const timelineKey = searchFromFilter(timelineFilter);
  useEffect(() => {
    if (!filter.secid) {
      setTimeline(null);
      return;
    }
    let cancelled = false;
    // The chart's code comes while its numbers are read.
    void loadChartLibrary().catch(() => {});
    const timer = setTimeout(() => {
      void (async () => {
        const db = await props.archive();
        const secid = timelineFilter.secid!;
        // The security alone: its own index read. With other filters or a search: the list's own query, less the period.
        const source = isFiltered({ ...timelineFilter, secid: undefined, doubtful: undefined }) || timelineFilter.text?.trim()
          ? async () => savedMentionsIn(await listingsUnder(db, timelineFilter), secid)
          : savedMentionsBySecid(db, { doubtful: timelineFilter.doubtful === 'include' });
        const next = await loadSecurityTimeline(secid, source);
        if (!cancelled) setTimeline(next);
      })().catch(() => {});
    }, filter.text ? SEARCH_DELAY_MS : 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [timelineKey, revision]);

  const titleOf = async (id: string) => (await (await archive()).get('articles', id))?.title;

  // The archive page's start view: what the reader has been reading about, from the last 30 days' listings only.
  const [reading, setReading] = useState<Reading | null>(null);
  useEffect(() => {
    if (props.layout !== 'page') return;
    void (async () => setReading(await loadReadingAbout(recentListingsBySaved(await props.archive()), Date.now(), { likelyOnly: true })))().catch(() => {});
  }, [page?.total]);

  const filtered = isFiltered(filter) || Boolean(filter.text?.trim());
  const securityFacet = filter.secid ? facets.secid.find((facet) => facet.value === filter.secid) : undefined;
  const empty = page !== null && page.total === 0;

  return (
    <main class={`archive layout-${props.layout ?? 'popup'}`} aria-busy={page === null || fromCopy}>
      <header class="archive-head">
        <h1>{t('archiveTitle')}</h1>
        {page !== null && page.total !== null && (
          <span class="archive-count" data-role="archive-total" data-total={page.total}>
            {filtered ? t(page.exact ? 'foundCount' : 'foundAbout', page.total) : t('totalCount', page.total)}
          </span>
        )}
        <TransferMenu filtered={filtered} onExport={(f, s) => void runExport(f, s)} onImport={(f) => void runImport(f)} />
      </header>
      {props.activePage && props.readPage && <ThisPageBar activePage={props.activePage} readPage={props.readPage} />}
      <div class="controls">
        <SearchBox value={filter.text ?? ''} onInput={(text) => setFilter({ ...filter, text })} />
        <FilterBar filter={filter} facets={facets} onChange={setFilter} />
      </div>
      {filter.secid && page && <SecurityHeader secid={filter.secid} facet={securityFacet} total={page.total ?? page.items.length} />}
      {filter.secid && timeline && timeline.articles > 0 && (
        <SecurityTimeline
          timeline={timeline}
          chosen={chosenPeriod(timeline, filter)}
          onChoose={(period) => setFilter({ ...filter, savedFrom: period?.savedFrom, savedTo: period?.savedTo })}
          titleOf={titleOf}
          onRead={props.openReader}
        />
      )}
      {!filtered && reading && <ReadingAbout reading={reading} onSelect={(secid) => selectSecurity(secid, false)} />}
      {pending > 0 && filter.text && (
        <p class="muted indexing" role="status">
          {t('indexing', pending)}
        </p>
      )}
      {report && <ImportReport report={report} onDismiss={() => setReport(null)} />}
      {error && (
        <p class="archive-error" role="alert">
          {error}
        </p>
      )}
      {empty && !filtered && !error && <EmptyArchive />}
      {empty && filtered && (
        <p class="no-results" data-role="no-results">
          {t('noResults')}
        </p>
      )}
      {page !== null && page.items.length > 0 && (
        <ArticleList
          items={page.items}
          fromCopy={fromCopy}
          focusSecid={filter.secid}
          onOpen={props.openUrl}
          onRead={props.openReader}
          onDelete={(id) => void remove(id)}
          onSelectSecurity={selectSecurity}
          onAnnotate={annotate}
          onMore={page.next !== null ? () => void load(filter, page.next!) : null}
        />
      )}
      {props.autoSave && <AutoSaveSwitch setting={props.autoSave} />}
      {props.sync && <SyncLine source={props.sync} />}
      {removed && <UndoToast text={t('deletedToast', removed.title)} onUndo={() => void undo()} onDismiss={() => setRemoved(null)} />}
      {notes.replaced && (
        <NoteReplacedToast title={notes.replaced.title} theirs={notes.replaced.theirs} onUndo={() => void takeBack()} onDismiss={notes.dismiss} />
      )}
    </main>
  );
}
