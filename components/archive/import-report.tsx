import type { ArchiveFileProblem } from '../../lib/transfer/archive-json';
import type { ImportResult } from '../../lib/transfer/import-file';
import { formatBytes } from '../../lib/storage/format-bytes';
import { t } from '../../platform/i18n';


function describe(problem: ArchiveFileProblem): string {
  switch (problem.problem) {
    case 'too-large':
      return t('fileTooLarge', problem.limitMb);
    case 'too-deep':
      return t('fileTooDeep', problem.limit);
    case 'not-json':
      return t('fileNotJson');
    case 'not-archive':
      return t('fileNotArchive');
    case 'version':
      return t('fileVersion', problem.version, problem.supported);
    case 'no-list':
      return t('fileNoList');
    case 'no-room':
      return t('importNoRoom', formatBytes(problem.needed), formatBytes(problem.free));
  }
}

/** What an import took and what it refused, and why. */
export function ImportReport({ report, onDismiss }: { report: ImportResult; onDismiss: () => void }) {
  return (
    <div class="import-report" role="status" data-role="import-report">
      {report.outcome === undefined ? (
        <p class="error">{t('importFailed', describe(report.fileError))}</p>
      ) : (
        <>
          <p data-role="import-taken" data-taken={report.outcome.taken} data-refused={report.outcome.refused.length}>
            {t('importTaken', report.outcome.taken, report.outcome.created, report.outcome.updated)}
            {report.corrections > 0 && ` ${t('importCorrections', report.corrections)}`}
            {report.outcome.refused.length > 0 && t('importRefused', report.outcome.refused.length)}
          </p>
          {report.outcome.refused.length > 0 && (
            <ul class="refused">
              {report.outcome.refused.slice(0, 20).map((refusal) => (
                <li>{t('refusedItem', refusal.index + 1, refusal.id ? `(${refusal.id})` : '', refusal.reason)}</li>
              ))}
              {report.outcome.refused.length > 20 && <li>{t('refusedMore', report.outcome.refused.length - 20)}</li>}
            </ul>
          )}
        </>
      )}
      <button type="button" class="link" onClick={onDismiss}>
        {t('gotIt')}
      </button>
    </div>
  );
}
