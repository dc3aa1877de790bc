import { t } from '../../platform/i18n';
interface Props {
  filtered: boolean;
  onExport: (format: 'json' | 'markdown' | 'csv', scope: 'all' | 'filter') => void;
  onImport: (file: File) => void;
}

/** Export everything or the current results (JSON, Markdown, CSV), and import a JSON export. */
export function TransferMenu({ filtered, onExport, onImport }: Props) {
  return (
    <details
      class="transfer"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        const menu = event.currentTarget as HTMLDetailsElement;
        menu.open = false;
        menu.querySelector('summary')?.focus();
      }}
    >
      <summary>{t('transfer')}</summary>
      <div class="transfer-panel">
        {(filtered ? (['all', 'filter'] as const) : (['all'] as const)).map((scope) => (
          <div class="transfer-row">
            <span>{scope === 'all' ? t('exportAll') : t('exportFiltered')}</span>
            <button type="button" data-action="export-json" data-scope={scope} onClick={() => onExport('json', scope)}>
              JSON
            </button>
            <button type="button" data-action="export-markdown" data-scope={scope} onClick={() => onExport('markdown', scope)}>
              Markdown
            </button>
            <button type="button" data-action="export-csv" data-scope={scope} onClick={() => onExport('csv', scope)}>
              CSV
            </button>
          </div>
        ))}
        <label class="transfer-row">
          <span>{t('importJson')}</span>
          <input
            type="file"
            accept="application/json,.json"
            data-action="import"
            onChange={(event) => {
              const input = event.target as HTMLInputElement;
              const file = input.files?.[0];
              if (file) onImport(file);
              input.value = '';
            }}
          />
        </label>
      </div>
    </details>
  );
}
