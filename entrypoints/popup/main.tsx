import { render } from 'preact';
import { browser } from 'wxt/browser';
import { archiveConnection } from '../../lib/archive/db';
import { ArchiveApp } from './archive-app';
import '../../components/archive/archive.css';

const archive = archiveConnection();
render(
  <ArchiveApp archive={archive} openUrl={(url) => browser.tabs.create({ url }).then(() => window.close())} />,
  document.getElementById('app')!,
);
