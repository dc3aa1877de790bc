import { useEffect, useState } from 'preact/hooks';

interface Props {
  setting: { get: () => Promise<boolean>; set: (on: boolean) => Promise<void> };
}

/** "Save every article I open": for readers who want the archive to be their reading history. */
export function AutoSaveSwitch({ setting }: Props) {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    void setting.get().then(setOn);
  }, [setting]);
  return (
    <footer class="archive-foot">
      <label>
        <input
          type="checkbox"
          data-setting="auto-save"
          checked={on ?? false}
          disabled={on === null}
          onChange={(event) => {
            const next = (event.target as HTMLInputElement).checked;
            setOn(next);
            void setting.set(next);
          }}
        />{' '}
        自动保存打开的每篇东方财富文章
      </label>
      <span class="muted"> · 快捷键 Alt+Shift+S 保存当前文章 · </span>
      <a href="/options.html" target="_blank" data-action="settings">
        设置
      </a>
    </footer>
  );
}
