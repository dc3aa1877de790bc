import { render } from 'preact';
import { ArchiveStripApp } from './archive-strip-app';
import { localisePage } from '../../platform/localise-page';
import '../../components/overlay/overlay.css';
import '../../components/overlay/archive-strip.css';

// The overlay's private half: the extension's own page in a frame of the
// tab's overlay, which page scripts can neither read nor click.
localisePage('extName');
render(<ArchiveStripApp />, document.getElementById('app')!);
