import { useEffect, useState } from 'preact/hooks';
import { formatBeijingMoment } from '../../lib/beijing-time';
import { BACKUP_INTERVALS, backupsOn, intervalDays, keepCount, KEEP_LIMITS, type BackupLog } from '../../lib/backup/backup-plan';
import { formatBytes } from '../../lib/storage/format-bytes';
import { errorText, t, type MessageKey } from '../../platform/i18n';

/** The backup settings as stored (lib/settings-model.ts), whether sync is on, and what was written. */
export interface BackupState {
  chosen: boolean | null;
  syncOn: boolean;
  everyDays: number;
  keep: number;
  log: BackupLog;
}

export interface BackupServices {
  load: () => Promise<BackupState>;
  setOn: (on: boolean) => Promise<void>;
  setEveryDays: (days: number) => Promise<void>;
  setKeep: (keep: number) => Promise<void>;
  backUpNow: () => Promise<BackupLog>;
}

const INTERVAL_TEXT: Record<(typeof BACKUP_INTERVALS)[number], MessageKey> = { 1: 'backupDaily', 7: 'backupWeekly', 30: 'backupMonthly' };

function LastBackup({ log }: { log: BackupLog }) {
  const last = log.backups[0];
  return (
    <>
      {last ? (
        <p data-role="last-backup" data-name={last.name} data-articles={last.articles} data-bytes={last.bytes}>
          {t('backupLast', formatBeijingMoment(last.at), last.name, last.articles, formatBytes(last.bytes))}
        </p>
      ) : (
        <p class="muted" data-role="last-backup">
          {t('backupNone')}
        </p>
      )}
      {log.lastError && (
        <p class="archive-error" role="alert" data-role="backup-error">
          {t('backupFailed', formatBeijingMoment(log.lastError.at), log.lastError.message)}
        </p>
      )}
    </>
  );
}

/** Rolling backups to the Downloads folder: on or off, how often, how many kept, one now, and how to restore. */
export function BackupPanel({ services }: { services: BackupServices }) {
  const [state, setState] = useState<BackupState | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    void services.load().then(setState);
  }, [services]);
  if (!state) return <section class="backup-panel" aria-busy="true" />;

  const on = backupsOn(state.chosen, state.syncOn);
  const change = (next: Partial<BackupState>, write: Promise<void>) => {
    setState({ ...state, ...next });
    void write;
  };
  const now = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const log = await services.backUpNow();
      setState((shown) => shown && { ...shown, log });
    } catch (error) {
      setFailure(t('backupNowFailed', errorText(error)));
      setState(await services.load());
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="backup-panel archive-storage" aria-labelledby="backup-heading" aria-busy="false">
      <h2 id="backup-heading">{t('backupHeading')}</h2>
      <label class="setting">
        <input
          type="checkbox"
          data-setting="backup-on"
          checked={on}
          onChange={(event) => {
            const checked = (event.target as HTMLInputElement).checked;
            change({ chosen: checked }, services.setOn(checked));
          }}
        />
        <span>
          <strong>{t('backupOn')}</strong>
          <small>{t('backupOnHint')}</small>
        </span>
      </label>
      <label class="setting">
        <span>{t('backupEvery')}</span>{' '}
        <select
          data-setting="backup-every"
          value={String(intervalDays(state.everyDays))}
          onChange={(event) => {
            const days = Number((event.target as HTMLSelectElement).value);
            change({ everyDays: days }, services.setEveryDays(days));
          }}
        >
          {BACKUP_INTERVALS.map((days) => (
            <option key={days} value={String(days)}>
              {t(INTERVAL_TEXT[days])}
            </option>
          ))}
        </select>
      </label>
      <label class="setting">
        <span>{t('backupKeep')}</span>{' '}
        <input
          type="number"
          data-setting="backup-keep"
          min={KEEP_LIMITS.min}
          max={KEEP_LIMITS.max}
          step={1}
          value={keepCount(state.keep)}
          onChange={(event) => {
            const keep = keepCount(Number((event.target as HTMLInputElement).value));
            change({ keep }, services.setKeep(keep));
          }}
        />
      </label>
      <div class="setting">
        <button type="button" data-action="back-up-now" disabled={busy} onClick={() => void now()}>
          {busy ? t('backupRunning') : t('backupNow')}
        </button>
        <small>{t('backupRestoreHint')}</small>
      </div>
      <LastBackup log={state.log} />
      {failure && (
        <p class="archive-error" role="alert" data-role="backup-now-failed">
          {failure}
        </p>
      )}
    </section>
  );
}
