import { t } from '../shared/i18n';
import { useEffect, useState } from 'preact/hooks';

export interface Settings {
  liveQuotes: boolean;
  colours: 'red-up' | 'green-up';
  autoSave: boolean;
  inlineBadges: boolean;
  collapsed: boolean;
}

interface Props {
  load: () => Promise<Settings>;
  save: <K extends keyof Settings>(key: K, value: Settings[K]) => Promise<void>;
}

/** Every setting, applied at once in every open tab. */
export function SettingsForm({ load, save }: Props) {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void load().then(setSettings);
  }, [load]);
  if (!settings) return <main class="settings" aria-busy="true" />;
  const change = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setSettings({ ...settings, [key]: value });
    void save(key, value);
  };
  return (
    <main class="settings" aria-busy="false">
      <h1>{t('settingsTitle')}</h1>
      <label class="setting">
        <input
          type="checkbox"
          data-setting="live-quotes"
          checked={settings.liveQuotes}
          onChange={(e) => change('liveQuotes', (e.target as HTMLInputElement).checked)}
        />
        <span>
          <strong>{t('liveQuotes')}</strong>
          <small>{t('liveQuotesHint')}</small>
        </span>
      </label>
      <fieldset class="setting">
        <legend>{t('colours')}</legend>
        <label>
          <input
            type="radio"
            name="colours"
            data-setting="colours-red-up"
            checked={settings.colours === 'red-up'}
            onChange={() => change('colours', 'red-up')}
          />{' '}
          {t('redUp')}
        </label>
        <label>
          <input
            type="radio"
            name="colours"
            data-setting="colours-green-up"
            checked={settings.colours === 'green-up'}
            onChange={() => change('colours', 'green-up')}
          />{' '}
          {t('greenUp')}
        </label>
      </fieldset>
      <label class="setting">
        <input
          type="checkbox"
          data-setting="inline-badges"
          checked={settings.inlineBadges}
          onChange={(e) => change('inlineBadges', (e.target as HTMLInputElement).checked)}
        />
        <span>
          <strong>{t('inlineBadges')}</strong>
          <small>{t('inlineBadgesHint')}</small>
        </span>
      </label>
      <label class="setting">
        <input
          type="checkbox"
          data-setting="collapsed"
          checked={settings.collapsed}
          onChange={(e) => change('collapsed', (e.target as HTMLInputElement).checked)}
        />
        <span>
          <strong>{t('collapsed')}</strong>
          <small>{t('collapsedHint')}</small>
        </span>
      </label>
      <label class="setting">
        <input
          type="checkbox"
          data-setting="auto-save"
          checked={settings.autoSave}
          onChange={(e) => change('autoSave', (e.target as HTMLInputElement).checked)}
        />
        <span>
          <strong>{t('autoSave')}</strong>
          <small>{t('autoSaveHint')}</small>
        </span>
      </label>
    </main>
  );
}
