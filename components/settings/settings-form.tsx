import { useEffect, useState } from 'preact/hooks';

export interface Settings {
  liveQuotes: boolean;
  colours: 'red-up' | 'green-up';
  autoSave: boolean;
  inlineBadges: boolean;
  collapsed: boolean;
}

interface Props {
  load: () => Promise<Settings>;
  save: <K extends keyof Settings>(key: K, value: Settings[K]) => Promise<void>;
}

/** Every setting, applied at once in every open tab. */
export function SettingsForm({ load, save }: Props) {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    void load().then(setSettings);
  }, [load]);
  if (!settings) return <main class="settings" aria-busy="true" />;
  const change = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setSettings({ ...settings, [key]: value });
    void save(key, value);
  };
  return (
    <main class="settings" aria-busy="false">
      <h1>EM Lens 设置</h1>
      <label class="setting">
        <input
          type="checkbox"
          data-setting="live-quotes"
          checked={settings.liveQuotes}
          onChange={(e) => change('liveQuotes', (e.target as HTMLInputElement).checked)}
        />
        <span>
          <strong>实时行情</strong>
          <small>在证券徽章上显示最新价和涨跌幅。关闭后不发出任何行情请求。</small>
        </span>
      </label>
      <fieldset class="setting">
        <legend>涨跌颜色</legend>
        <label>
          <input
            type="radio"
            name="colours"
            data-setting="colours-red-up"
            checked={settings.colours === 'red-up'}
            onChange={() => change('colours', 'red-up')}
          />{' '}
          红涨绿跌（A 股习惯）
        </label>
        <label>
          <input
            type="radio"
            name="colours"
            data-setting="colours-green-up"
            checked={settings.colours === 'green-up'}
            onChange={() => change('colours', 'green-up')}
          />{' '}
          绿涨红跌
        </label>
      </fieldset>
      <label class="setting">
        <input
          type="checkbox"
          data-setting="inline-badges"
          checked={settings.inlineBadges}
          onChange={(e) => change('inlineBadges', (e.target as HTMLInputElement).checked)}
        />
        <span>
          <strong>正文内行情</strong>
          <small>在文中每只证券第一次出现的地方显示涨跌幅。</small>
        </span>
      </label>
      <label class="setting">
        <input
          type="checkbox"
          data-setting="collapsed"
          checked={settings.collapsed}
          onChange={(e) => change('collapsed', (e.target as HTMLInputElement).checked)}
        />
        <span>
          <strong>默认收起面板</strong>
          <small>文章上方只显示一行概要，点“展开”再看证券徽章。</small>
        </span>
      </label>
      <label class="setting">
        <input
          type="checkbox"
          data-setting="auto-save"
          checked={settings.autoSave}
          onChange={(e) => change('autoSave', (e.target as HTMLInputElement).checked)}
        />
        <span>
          <strong>自动保存</strong>
          <small>打开的每篇东方财富文章都自动存入存档。</small>
        </span>
      </label>
    </main>
  );
}
