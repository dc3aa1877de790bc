import { t } from '../../platform/i18n';
import { useEffect, useState } from 'preact/hooks';

export interface ActivePage {
  tabId: number;
  url: string;
}

interface Props {
  activePage: () => Promise<ActivePage | null>;
  readPage: (tabId: number) => Promise<void>;
}

const EASTMONEY = /^https?:\/\/([a-z0-9-]+\.)*eastmoney\.com\//i;

/**
 * On a page of another site (a republished Eastmoney article, say), offers to
 * read it with EM Lens. Opening the popup from the toolbar grants this tab
 * alone for this once (activeTab): no permanent permission for other sites.
 */
export function ThisPageBar({ activePage, readPage }: Props) {
  const [page, setPage] = useState<ActivePage | null>(null);
  const [state, setState] = useState<'idle' | 'reading' | 'failed'>('idle');
  useEffect(() => {
    void activePage()
      .then((active) => setPage(active && /^https?:/.test(active.url) && !EASTMONEY.test(active.url) ? active : null))
      .catch(() => setPage(null));
  }, [activePage]);
  if (!page) return null;
  return (
    <div class="this-page" data-role="this-page">
      <span>{t('thisPage')}</span>
      <button
        type="button"
        data-action="read-page"
        disabled={state === 'reading'}
        onClick={() => {
          setState('reading');
          readPage(page.tabId).catch(() => setState('failed'));
        }}
      >
        {t('readThisPage')}
      </button>
      {state === 'failed' && <span class="error">{t('readThisPageFailed')}</span>}
    </div>
  );
}
