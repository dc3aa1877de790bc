import { render } from 'preact';
import { SettingsForm } from '../../components/settings/settings-form';
import { SyncPanel } from '../../components/settings/sync-panel';
import { localisePage } from '../../platform/localise-page';
import { loadSettings, saveSetting } from '../../platform/settings';
import { syncServices } from '../../platform/sync-services';
import '../../components/archive/archive.css';
import '../../components/settings/settings.css';

localisePage('settingsTitle');
render(
  <>
    <SettingsForm load={loadSettings} save={saveSetting} />
    <SyncPanel services={syncServices} />
  </>,
  document.getElementById('app')!,
);
