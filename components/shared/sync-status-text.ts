/** Where sync stands, in the reader's words: the settings page and the popup say it the same way. */
import { errorMessageKey } from '../../lib/error-codes';
import type { SyncStatus } from '../../lib/sync/sync-config';
import { t } from '../../platform/i18n';

export function syncStatusText(status: SyncStatus): string {
  const when = status.lastSync ? new Date(status.lastSync).toLocaleString() : '';
  switch (status.state) {
    case 'off':
      return t('syncStateOff');
    case 'syncing':
      return t('syncStateSyncing');
    case 'preview':
      return t('syncPreview', status.preview?.remote ?? 0, status.preview?.local ?? 0, status.preview?.shared ?? 0);
    case 'ok':
      return t('syncStateOk', when, status.last?.uploaded ?? 0, status.last?.downloaded ?? 0, status.last?.devices ?? 1);
    case 'error': {
      const retry = status.retryAt ? new Date(status.retryAt).toLocaleTimeString() : '';
      return t(errorMessageKey(status.code ?? 'failed'), status.code === 'sync-rate-limited' ? retry : (status.detail ?? ''));
    }
  }
}
