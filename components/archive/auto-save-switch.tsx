import { t } from '../../platform/i18n';
import { useEffect, useState } from 'preact/hooks';

interface Props {
  setting: { get: () => Promise<boolean>; set: (on: boolean) => Promise<void> };
}

/** "Save every article I open": for readers who want the archive to be their reading history. */
export function AutoSaveSwitch({ setting }: Props) {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    void setting.get().then(setOn);
  }, [setting]);
  return (
    <footer class="archive-foot">
      <label>
        <input
          type="checkbox"
          data-setting="auto-save"
          checked={on ?? false}
          disabled={on === null}
          onChange={(event) => {
            const next = (event.target as HTMLInputElement).checked;
            setOn(next);
            void setting.set(next);
          }}
        />{' '}
        {t('autoSaveSwitch')}
      </label>
      <span class="muted">{t('shortcutHint')}</span>
      <a href="/options.html" target="_blank" data-action="settings">
        {t('settingsLink')}
      </a>
    </footer>
  );
}
