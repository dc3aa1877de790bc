/** User settings, kept in extension storage and read by every part. */
import { storage } from 'wxt/utils/storage';

/** Save every Eastmoney article as it is opened. */
export const autoSaveSetting = storage.defineItem<boolean>('local:autoSave', { fallback: false });
