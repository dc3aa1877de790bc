/**
 * Every setting, declared once: its storage key, its default, its type, and
 * how the settings page shows it. The settings page draws its form from this
 * list and every part reads its settings through it (platform/settings.ts),
 * so a new setting is one entry here.
 */
import type { MessageKey } from './message-keys';

export type SettingForm<T> =
  | { kind: 'switch'; id: string; title: MessageKey; hint: MessageKey }
  | { kind: 'choice'; id: string; legend: MessageKey; options: ReadonlyArray<{ value: T; id: string; label: MessageKey }> };

export interface SettingDeclaration<T> {
  /** The storage.local key. Archives and tests in the field use it: it never changes. */
  key: string;
  fallback: T;
  /**
   * A preference of the reader's rather than of this machine: also kept in
   * storage.sync, so it follows them to their other browsers (lib/settings-sync.ts).
   */
  synced?: true;
  /** How the settings page shows it; absent for what only tests change. */
  form?: SettingForm<T>;
}

const declare = <T>(declaration: SettingDeclaration<T>) => declaration;

export type Colours = 'red-up' | 'green-up';

/** In the order the settings page lists them. */
export const SETTINGS = {
  /** Live quotes on the badges; off means no quote request at all. */
  liveQuotes: declare<boolean>({
    key: 'liveQuotes',
    synced: true,
    fallback: true,
    form: { kind: 'switch', id: 'live-quotes', title: 'liveQuotes', hint: 'liveQuotesHint' },
  }),
  /** Which colour means up: red (the convention in China) or green. */
  colours: declare<Colours>({
    key: 'colours',
    synced: true,
    fallback: 'red-up',
    form: {
      kind: 'choice',
      id: 'colours',
      legend: 'colours',
      options: [
        { value: 'red-up', id: 'colours-red-up', label: 'redUp' },
        { value: 'green-up', id: 'colours-green-up', label: 'greenUp' },
      ],
    },
  }),
  /** Each security's quote right after its first mention in the article text. */
  inlineBadges: declare<boolean>({
    key: 'inlineBadges',
    synced: true,
    fallback: false,
    form: { kind: 'switch', id: 'inline-badges', title: 'inlineBadges', hint: 'inlineBadgesHint' },
  }),
  /** Leave out the badges of securities the article is likely not about (shown dimmed and last otherwise). */
  hideDoubtful: declare<boolean>({
    key: 'hideDoubtful',
    synced: true,
    fallback: false,
    form: { kind: 'switch', id: 'hide-doubtful', title: 'settingHideDoubtful', hint: 'settingHideDoubtfulHint' },
  }),
  /** Start the overlay folded to its one-line header. */
  collapsed: declare<boolean>({
    key: 'collapsed',
    synced: true,
    fallback: false,
    form: { kind: 'switch', id: 'collapsed', title: 'collapsed', hint: 'collapsedHint' },
  }),
  /** Save every Eastmoney article as it is opened. */
  autoSave: declare<boolean>({
    key: 'autoSave',
    synced: true,
    fallback: false,
    form: { kind: 'switch', id: 'auto-save', title: 'autoSave', hint: 'autoSaveHint' },
  }),
  /**
   * Rolling backups to the Downloads folder (lib/backup/backup-plan.ts): true
   * or false as the reader chose; null until they choose, which means on
   * unless sync is on. Shown by the settings page's backup panel, not the form.
   */
  backupOn: declare<boolean | null>({ key: 'backupOn', fallback: null }),
  /** Days between backups: 1, 7 or 30. */
  backupEveryDays: declare<number>({ key: 'backupEveryDays', fallback: 7 }),
  /** How many backup files are kept; older ones this extension wrote are removed. */
  backupKeep: declare<number>({ key: 'backupKeep', fallback: 5 }),
  /**
   * Where quotes come from. Only end-to-end tests change it, to a quote server
   * on this machine's loopback; lib/quotes/quote-source.ts refuses anything else.
   */
  quoteApiBase: declare<string | null>({ key: 'quoteApiBase', fallback: null }),
};

export type SettingName = keyof typeof SETTINGS;

/** The storage keys of the settings that follow the reader's account; the backups' and the test-only ones stay on this machine. */
export const SYNCED_SETTING_KEYS: readonly string[] = Object.values(SETTINGS as Record<string, SettingDeclaration<unknown>>)
  .filter((setting) => setting.synced)
  .map((setting) => setting.key);

/** Every setting's value, by name. */
export type Settings = { [N in SettingName]: (typeof SETTINGS)[N] extends SettingDeclaration<infer T> ? T : never };

/** A stored value, or the default where none is stored (or it is of no use). */
export function settingValue<N extends SettingName>(name: N, stored: unknown): Settings[N] {
  const { fallback, form } = SETTINGS[name] as SettingDeclaration<Settings[N]>;
  if (stored === undefined || stored === null) return fallback;
  if (typeof stored !== typeof fallback && fallback !== null) return fallback;
  if (form?.kind === 'choice' && !form.options.some((option) => option.value === stored)) return fallback;
  return stored as Settings[N];
}
