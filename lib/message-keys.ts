/**
 * The names of the messages a person reads (public/_locales, Simplified
 * Chinese first, English beside it). A type only: lib/ names a message, the
 * platform's i18n turns it into words.
 */
import type messages from '../public/_locales/zh_CN/messages.json';

export type MessageKey = keyof typeof messages;
