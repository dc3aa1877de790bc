import { render } from 'preact';
import { SettingsForm, type Settings } from '../../components/settings/settings-form';
import {
  autoSaveSetting,
  collapsedSetting,
  colourSetting,
  inlineBadgesSetting,
  liveQuotesSetting,
} from '../../platform/settings';
import { localisePage } from '../../platform/localise-page';
import '../../components/archive/archive.css';
import '../../components/settings/settings.css';

const items = {
  liveQuotes: liveQuotesSetting,
  colours: colourSetting,
  autoSave: autoSaveSetting,
  inlineBadges: inlineBadgesSetting,
  collapsed: collapsedSetting,
} as const;

async function load(): Promise<Settings> {
  const [liveQuotes, colours, autoSave, inlineBadges, collapsed] = await Promise.all([
    liveQuotesSetting.getValue(),
    colourSetting.getValue(),
    autoSaveSetting.getValue(),
    inlineBadgesSetting.getValue(),
    collapsedSetting.getValue(),
  ]);
  return { liveQuotes, colours, autoSave, inlineBadges, collapsed };
}

async function save<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  await (items[key] as { setValue(value: Settings[K]): Promise<void> }).setValue(value);
}

localisePage('settingsTitle');
render(<SettingsForm load={load} save={save} />, document.getElementById('app')!);
