/** What a failed archive write tells the person who asked for it. */

const QUOTA = /QuotaExceeded|quota|disk is full|no space/i;

export function describeStorageError(error: unknown): string {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (QUOTA.test(text)) return '浏览器的存储空间已满，存档没有改动。请删除一些存档文章或释放磁盘空间后再试。';
  if (/no reply|Receiving end|Could not establish connection|Extension context invalidated/i.test(text)) {
    return 'EM Lens 刚刚更新或重启，请刷新本页后再试。';
  }
  const message = error instanceof Error ? error.message : text;
  return message.replace(/^article:\w+( failed)?: /, '');
}
