import { render } from 'preact';
import { ReaderApp } from '../../components/reader/reader-app';
import { archiveServices } from '../../platform/archive-services';
import { localisePage } from '../../platform/localise-page';
import '../../components/archive/archive.css';
import '../../components/reader/reader.css';

localisePage('readerTitle');
const services = archiveServices({ closeAfterOpening: false });
const id = new URLSearchParams(location.search).get('id') ?? '';
render(
  <ReaderApp
    id={id}
    archive={services.archive}
    send={services.send}
    openArchive={(secid, doubtful) => void services.send('bg:open-archive', { secid, doubtful })}
  />,
  document.getElementById('app')!,
);
