/**
 * The reader's relevance corrections as sync knows them: per correction key,
 * the value last set (or null once cleared) with the stamp of that change.
 * The latest stamp wins, so a clear travels like a set and two devices end
 * with the same corrections whatever order their batches arrive in. A
 * correction's own `at` stays as the reader made it; the stamp orders changes
 * across devices whose clocks disagree.
 */
import { checkCorrection, correctionKey, type Correction, type Corrections } from '../relevance/corrections';
import { canonicalJson } from './article-state';
import { isStamp, type Stamp, type Stamper } from './hlc';

export interface CorrectionEntry {
  key: string;
  stamp: Stamp;
  /** Null: the reader cleared it, back to what the rules say. */
  value: Correction | null;
}

/** Keyed by correction key. */
export type CorrectionStates = Record<string, CorrectionEntry>;

/** Entries joined: for each key the later stamp wins. Returns the same object when nothing changed. */
export function mergeCorrectionEntries(known: CorrectionStates, incoming: CorrectionEntry[]): CorrectionStates {
  let merged = known;
  for (const entry of incoming) {
    const ours = merged[entry.key];
    if (ours && ours.stamp >= entry.stamp) continue;
    if (merged === known) merged = { ...known };
    merged[entry.key] = entry;
  }
  return merged;
}

/** The corrections the entries hold. */
export function correctionsOf(states: CorrectionStates): Corrections {
  const out: Corrections = {};
  for (const entry of Object.values(states)) if (entry.value) out[entry.key] = entry.value;
  return out;
}

/** The entries that bring `known` to the archive's corrections now, stamped by `stamps`. */
export function localCorrectionEntries(known: CorrectionStates, current: Corrections, stamps: Stamper): CorrectionEntry[] {
  const entries: CorrectionEntry[] = [];
  for (const [key, value] of Object.entries(current)) {
    const ours = known[key];
    // Stamped when the reader made it, so of two made between syncs the later wins, whichever device syncs first.
    if (!ours || canonicalJson(ours.value) !== canonicalJson(value)) entries.push({ key, stamp: stamps.at(value.at), value });
  }
  for (const [key, ours] of Object.entries(known)) {
    if (ours.value && !current[key]) entries.push({ key, stamp: stamps.next(), value: null });
  }
  return entries;
}

/** The corrections whose value differs between two sets, each as before and after (for the articles they concern). */
export function changedCorrections(before: Corrections, after: Corrections): Correction[] {
  const changed: Correction[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [was, is] = [before[key], after[key]];
    if (canonicalJson(was ?? null) === canonicalJson(is ?? null)) continue;
    if (was) changed.push(was);
    if (is) changed.push(is);
  }
  return changed;
}

/** An entry read from the server, checked; throws with the reason when it is not one. */
export function checkCorrectionEntry(value: unknown): CorrectionEntry {
  const { key, stamp, value: inner } = (value ?? {}) as Record<string, unknown>;
  if (typeof key !== 'string' || key.length > 200) throw new Error('a correction entry has no key');
  if (!isStamp(stamp)) throw new Error('a correction entry has no stamp');
  if (inner === null) {
    if (!/^(everywhere|article)\|/.test(key)) throw new Error('a cleared correction has a key of no correction');
    return { key, stamp, value: null };
  }
  const correction = checkCorrection(inner);
  if (!correction || correctionKey(correction) !== key) throw new Error('a correction entry is not a correction of its key');
  return { key, stamp, value: correction };
}
