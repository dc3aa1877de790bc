/**
 * Positive evidence: the security's own code right next to its name,
 * "太平洋（601099）", "（600519.SH）", "SH600000". Writers add it for the company they mean.
 */
import { verdictOf, type RelevanceRule } from './types';

const REACH = 12;

export const codeNearby: RelevanceRule = (security, window) => {
  const code = security.code;
  if (!/^\d{5,6}$/.test(code)) return null;
  const near = `${window.before.slice(-REACH)}\u0000${window.after.slice(0, REACH)}`;
  const at = near.indexOf(code);
  // A code inside a longer number (an amount, a date) is not the code.
  if (at < 0 || /\d/.test(near[at - 1] ?? '') || /\d/.test(near[at + code.length] ?? '')) return null;
  return verdictOf('likely', 'code_nearby', 'relevance_code_nearby', window, code);
};
