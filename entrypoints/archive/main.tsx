import { render } from 'preact';
import { ArchiveApp } from '../../components/archive/archive-app';
import { archiveServices } from '../../platform/archive-services';
import { localisePage } from '../../platform/localise-page';
import { filterFromSearch, isNewView, searchFromFilter } from '../../lib/archive/filter-url';
import type { ArchiveFilter } from '../../lib/archive/query';
import { installTimelineBenchHooks } from './bench-hooks';
import '../../components/archive/archive.css';

localisePage('archiveTitle');
const root = document.getElementById('app')!;
const services = archiveServices({ closeAfterOpening: false });
let views = 0;
if (import.meta.env.MODE === 'bench') installTimelineBenchHooks(services.archive);

// A new filter is a step in the tab's history (the back button undoes a chosen period); typing only rewrites the step.
function follow(filter: ArchiveFilter) {
  const search = searchFromFilter(filter);
  if (search === location.search) return;
  const url = `${location.pathname}${search}`;
  if (isNewView(filterFromSearch(location.search), filter)) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function show() {
  views += 1;
  render(<ArchiveApp key={views} {...services} layout="page" initialFilter={filterFromSearch(location.search)} onFilterChange={follow} />, root);
}

addEventListener('popstate', show);
show();
