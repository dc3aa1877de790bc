import { t } from '../../platform/i18n';
/** What the popup says before anything is saved. */
export function EmptyArchive() {
  return (
    <div class="empty" data-role="empty-archive">
      <p class="empty-title">{t('emptyTitle')}</p>
      <p>{t('emptyText')}</p>
    </div>
  );
}
