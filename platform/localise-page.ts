import { language, t, type MessageKey } from './i18n';

/** An extension page speaks the messages' language: its title and its lang attribute. */
export function localisePage(title: MessageKey): void {
  document.documentElement.lang = language() === 'zh' ? 'zh-CN' : 'en';
  document.title = t(title);
}
