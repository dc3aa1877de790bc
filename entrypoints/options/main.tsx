import { render } from 'preact';
import { ArchiveStorage } from '../../components/settings/archive-storage';
import { BackupPanel } from '../../components/settings/backup-panel';
import { SettingsForm } from '../../components/settings/settings-form';
import { SyncPanel } from '../../components/settings/sync-panel';
import { archiveStorageServices } from '../../platform/archive-storage';
import { backupServices } from '../../platform/backup-services';
import { localisePage } from '../../platform/localise-page';
import { loadSettings, saveSetting, watchSettings } from '../../platform/settings';
import { syncServices } from '../../platform/sync-services';
import { send } from '../../platform/messaging';
import '../../components/archive/archive.css';
import '../../components/settings/settings.css';

localisePage('settingsTitle');
render(
  <>
    <SettingsForm load={loadSettings} save={saveSetting} watch={watchSettings} rejudge={() => send('bg:rejudge-archive', {})}>
      <ArchiveStorage {...archiveStorageServices()} />
      <BackupPanel services={backupServices} />
    </SettingsForm>
    <SyncPanel services={syncServices} />
  </>,
  document.getElementById('app')!,
);
