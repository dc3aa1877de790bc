import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SETTINGS, type SettingDeclaration, type SettingName, type Settings } from '../../lib/settings-model';
import { t } from '../../platform/i18n';
import { RejudgeArchive } from './rejudge-archive';

interface Props {
  load: () => Promise<Settings>;
  /** More of the page, after the settings (the archive's storage). */
  children?: ComponentChildren;
  save: <N extends SettingName>(name: N, value: Settings[N]) => Promise<void>;
  /** Calls back with every setting when one changes elsewhere (another tab, another browser); returns the way to stop. */
  watch?: (callback: (values: Settings) => void) => () => void;
  /** Judges the archive again with today's relevance rules; absent where there is no archive to judge. */
  rejudge?: () => Promise<{ checked: number; changed: number }>;
}

/** One on/off setting: its name, what it does, and the switch. */
function SettingSwitch(props: { id: string; checked: boolean; title: string; hint: string; onChange: (on: boolean) => void }) {
  return (
    <label class="setting">
      <input
        type="checkbox"
        data-setting={props.id}
        checked={props.checked}
        onChange={(event) => props.onChange((event.target as HTMLInputElement).checked)}
      />
      <span>
        <strong>{props.title}</strong>
        <small>{props.hint}</small>
      </span>
    </label>
  );
}

/** One setting of a few choices, as radio buttons. */
function SettingChoice<T>(props: {
  id: string;
  legend: string;
  value: T;
  options: ReadonlyArray<{ value: T; id: string; label: string }>;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset class="setting">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.id}>
          <input
            type="radio"
            name={props.id}
            data-setting={option.id}
            checked={props.value === option.value}
            onChange={() => props.onChange(option.value)}
          />{' '}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Every setting that has a form in lib/settings-model.ts, in its order, applied at once in every open tab. */
export function SettingsForm({ load, save, watch, rejudge, children }: Props) {
  const [values, setValues] = useState<Settings | null>(null);
  useEffect(() => {
    void load().then(setValues);
    return watch?.(setValues);
  }, [load, watch]);
  if (!values) return <main class="settings" aria-busy="true" />;
  const change = <N extends SettingName>(name: N, value: Settings[N]) => {
    setValues({ ...values, [name]: value });
    void save(name, value);
  };
  return (
    <main class="settings" aria-busy="false">
      <h1>{t('settingsTitle')}</h1>
      {(Object.keys(SETTINGS) as SettingName[]).map((name) => {
        const { form } = SETTINGS[name] as SettingDeclaration<Settings[typeof name]>;
        if (!form) return null;
        if (form.kind === 'switch') {
          return (
            <SettingSwitch
              key={name}
              id={form.id}
              checked={values[name] === true}
              title={t(form.title)}
              hint={t(form.hint)}
              onChange={(on) => change(name, on as Settings[typeof name])}
            />
          );
        }
        return (
          <SettingChoice
            key={name}
            id={form.id}
            legend={t(form.legend)}
            value={values[name]}
            options={form.options.map((option) => ({ ...option, label: t(option.label) }))}
            onChange={(value) => change(name, value)}
          />
        );
      })}
      <p class="settings-follow" data-role="settings-follow">{t('settingsFollowAccount')}</p>
      {children}
      {rejudge && <RejudgeArchive rejudge={rejudge} />}
    </main>
  );
}
