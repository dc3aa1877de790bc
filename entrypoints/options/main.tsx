import { render } from 'preact';
import { SettingsForm } from '../../components/settings/settings-form';
import { localisePage } from '../../platform/localise-page';
import { loadSettings, saveSetting } from '../../platform/settings';
import '../../components/archive/archive.css';
import '../../components/settings/settings.css';

localisePage('settingsTitle');
render(<SettingsForm load={loadSettings} save={saveSetting} />, document.getElementById('app')!);
