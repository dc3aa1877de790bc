import { render } from 'preact';
import { ArchiveApp } from '../../components/archive/archive-app';
import { archiveServices } from '../../platform/archive-services';
import { localisePage } from '../../platform/localise-page';
import { syncServices } from '../../platform/sync-services';
import { installBenchHooks } from './bench-hooks';
import '../../components/archive/archive.css';

localisePage('archiveTitle');
const services = archiveServices({ closeAfterOpening: true });
if (import.meta.env.MODE === 'bench') installBenchHooks(services.archive);
render(<ArchiveApp {...services} sync={syncServices} layout="popup" />, document.getElementById('app')!);
