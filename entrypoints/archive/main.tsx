import { render } from 'preact';
import { ArchiveApp } from '../../components/archive/archive-app';
import { archiveServices } from '../../platform/archive-services';
import { localisePage } from '../../platform/localise-page';
import { filterFromSearch, searchFromFilter } from '../../lib/archive/filter-url';
import '../../components/archive/archive.css';

localisePage('archiveTitle');
render(
  <ArchiveApp
    {...archiveServices({ closeAfterOpening: false })}
    layout="page"
    initialFilter={filterFromSearch(location.search)}
    onFilterChange={(filter) => history.replaceState(null, '', `${location.pathname}${searchFromFilter(filter)}`)}
  />,
  document.getElementById('app')!,
);
