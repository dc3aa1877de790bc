import { defineBackground } from 'wxt/utils/define-background';
import { archiveConnection } from '../../lib/archive/db';
import { setupProtocol } from './setup-protocol';
import { archiveHandlers } from './archive-handlers';

export default defineBackground(() => {
  const archive = archiveConnection();
  setupProtocol(archiveHandlers(archive));
});
