// Chrome's background is a worker, which cannot make a blob: address for the
// downloads API; this offscreen document writes the backup (lib/backup) and
// hands the address back over a port. The background closes it when the
// download is done, which frees the file's memory.
import { browser } from 'wxt/browser';
import { archiveConnection } from '../../lib/archive/db';
import { backupBlob, nextTask, WRITER_PORT, type WriterReply } from '../../lib/backup/backup-file';

async function write(): Promise<WriterReply> {
  const at = Number(new URLSearchParams(location.search).get('at')) || Date.now();
  try {
    const { blob, articles } = await backupBlob(await archiveConnection()(), new Date(at), nextTask);
    return { ok: true, url: URL.createObjectURL(blob), bytes: blob.size, articles };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function main(): void {
  const port = browser.runtime.connect({ name: WRITER_PORT });
  void write().then((reply) => port.postMessage(reply));
}

main();
