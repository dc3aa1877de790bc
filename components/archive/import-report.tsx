import type { ImportOutcome } from '../../lib/protocol';

export type ImportReportState = { outcome: ImportOutcome; fileError?: undefined } | { fileError: string; outcome?: undefined };


/** What an import took and what it refused, and why. */
export function ImportReport({ report, onDismiss }: { report: ImportReportState; onDismiss: () => void }) {
  return (
    <div class="import-report" role="status" data-role="import-report">
      {report.outcome === undefined ? (
        <p class="error">导入失败：{report.fileError}。存档没有改动。</p>
      ) : (
        <>
          <p data-role="import-taken" data-taken={report.outcome.taken} data-refused={report.outcome.refused.length}>
            导入 {report.outcome.taken} 篇（新增 {report.outcome.created}，更新 {report.outcome.updated}）
            {report.outcome.refused.length > 0 && `，拒绝 ${report.outcome.refused.length} 篇`}
          </p>
          {report.outcome.refused.length > 0 && (
            <ul class="refused">
              {report.outcome.refused.slice(0, 20).map((refusal) => (
                <li>
                  第 {refusal.index + 1} 篇{refusal.id ? `（${refusal.id}）` : ''}：{refusal.reason}
                </li>
              ))}
              {report.outcome.refused.length > 20 && <li>…另有 {report.outcome.refused.length - 20} 篇</li>}
            </ul>
          )}
        </>
      )}
      <button type="button" class="link" onClick={onDismiss}>
        知道了
      </button>
    </div>
  );
}
