import { useEffect, useState } from 'preact/hooks';
import type { IntegrityReport, LastCheck } from '../../lib/archive/integrity';
import type { Keeping } from '../../lib/storage/persistence';
import { formatBytes } from '../../lib/storage/format-bytes';
import { LOW_FREE_BYTES, type StorageFacts } from '../../lib/storage/storage-room';
import { errorText, t, type MessageKey } from '../../platform/i18n';

export interface ArchiveStorageServices {
  /** Asks for persistent storage where it is not yet granted, and reads the estimate. */
  readStorage: () => Promise<StorageFacts & { persistence: Keeping }>;
  checkArchive: () => Promise<IntegrityReport>;
  lastCheck: () => Promise<LastCheck | null>;
}

const PERSISTENCE_TEXT: Record<Keeping, MessageKey> = {
  persisted: 'storagePersisted',
  unlimited: 'storageUnlimited',
  'best-effort': 'storageBestEffort',
  unknown: 'storageUnknown',
};

/** Each kind of repair, worded; only those that happened are listed. */
function fixes(report: IntegrityReport): string[] {
  const counted: Array<[number, MessageKey]> = [
    [report.missingBodies, 'fixedMissingBodies'],
    [report.orphanBodies, 'fixedOrphanBodies'],
    [report.facetsFixed, 'fixedFacets'],
    [report.reindexed, 'fixedReindexed'],
    [report.orphanDocs, 'fixedOrphanDocs'],
    [report.badIndexRecords, 'fixedBadRecords'],
  ];
  const lines = counted.filter(([count]) => count > 0).map(([count, key]) => t(key, count));
  if (report.metaFixed.length) lines.push(t('fixedMeta', report.metaFixed.join(', ')));
  return lines;
}

function CheckReport({ report }: { report: IntegrityReport }) {
  const lines = fixes(report);
  return (
    <div role="status" data-role="check-report" data-fixed={String(lines.length > 0)} data-articles={report.articles}>
      {lines.length === 0 ? (
        <p>{t('checkWhole', report.articles)}</p>
      ) : (
        <>
          <p>{t('checkFixed', report.articles)}</p>
          <ul>
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The archive's size, the room left, whether the browser keeps it, and the integrity check. */
export function ArchiveStorage({ readStorage, checkArchive, lastCheck }: ArchiveStorageServices) {
  const [facts, setFacts] = useState<(StorageFacts & { persistence: Keeping }) | null>(null);
  const [checking, setChecking] = useState(false);
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    void readStorage().then(setFacts);
    void lastCheck().then((last) => {
      if (last) setReport((shown) => shown ?? last.report);
    });
  }, [readStorage, lastCheck]);

  const run = async () => {
    setChecking(true);
    setFailure(null);
    try {
      setReport(await checkArchive());
      setFacts(await readStorage());
    } catch (error) {
      setFailure(t('checkFailed', errorText(error)));
    } finally {
      setChecking(false);
    }
  };

  return (
    <section class="archive-storage" aria-labelledby="storage-heading" aria-busy={facts === null}>
      <h2 id="storage-heading">{t('storageHeading')}</h2>
      {facts && (
        <>
          {facts.archiveBytes === null || facts.free === null ? (
            <p class="muted">{t('storageNoEstimate')}</p>
          ) : (
            <>
              <p data-role="archive-size" data-bytes={facts.archiveBytes}>
                {t('storageArchiveSize', formatBytes(facts.archiveBytes))}
              </p>
              <p data-role="storage-free" data-bytes={facts.free}>
                {t('storageFree', formatBytes(facts.free))}
              </p>
            </>
          )}
          {facts.low && (
            <p class="archive-error" role="alert" data-role="storage-low">
              {t('storageLow', formatBytes(LOW_FREE_BYTES))}
            </p>
          )}
          <p data-role="persistence" data-persistence={facts.persistence}>
            {t(PERSISTENCE_TEXT[facts.persistence])}
          </p>
        </>
      )}
      <div class="setting">
        <button type="button" data-action="check-archive" disabled={checking} onClick={() => void run()}>
          {checking ? t('checkRunning') : t('checkArchive')}
        </button>
        <small>{t('checkArchiveHint')}</small>
      </div>
      {report && <CheckReport report={report} />}
      {failure && (
        <p class="archive-error" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}
