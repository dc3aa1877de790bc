import { t } from '../../platform/i18n';
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

/** One on/off setting: its name, what it does, and the switch. */
function SettingSwitch(props: { id: string; checked: boolean; title: string; hint: string; onChange: (on: boolean) => void }) {
  return (
    <label class="setting">
      <input
        type="checkbox"
        data-setting={props.id}
        checked={props.checked}
        onChange={(event) => props.onChange((event.target as HTMLInputElement).checked)}
      />
      <span>
        <strong>{props.title}</strong>
        <small>{props.hint}</small>
      </span>
    </label>
  );
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
      <SettingSwitch
        id="live-quotes"
        checked={settings.liveQuotes}
        title={t('liveQuotes')}
        hint={t('liveQuotesHint')}
        onChange={(on) => change('liveQuotes', on)}
      />
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
      <SettingSwitch
        id="inline-badges"
        checked={settings.inlineBadges}
        title={t('inlineBadges')}
        hint={t('inlineBadgesHint')}
        onChange={(on) => change('inlineBadges', on)}
      />
      <SettingSwitch
        id="collapsed"
        checked={settings.collapsed}
        title={t('collapsed')}
        hint={t('collapsedHint')}
        onChange={(on) => change('collapsed', on)}
      />
      <SettingSwitch
        id="auto-save"
        checked={settings.autoSave}
        title={t('autoSave')}
        hint={t('autoSaveHint')}
        onChange={(on) => change('autoSave', on)}
      />
    </main>
  );
}
