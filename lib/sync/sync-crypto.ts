/**
 * End-to-end encryption of the sync folder, when the reader gives a
 * passphrase: a key derived with PBKDF2-SHA-256 (salt and iteration count in
 * format.json, which is the one file left readable), and AES-GCM for every
 * other file. Each file has its own random 96-bit IV and its path as
 * additional data, so a file moved to another name on the server fails to
 * open instead of being read as that one.
 *
 * format.json also holds a check: a known text sealed with the key. A wrong
 * passphrase fails to open it, so the run stops before it writes anything.
 *
 * The key is made non-extractable: the background can use it but never read
 * its bytes back, and nothing of it can leave the browser through sync.
 */
import { SyncError } from './sync-errors';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256; the issue asks at least 250,000. */
export const PBKDF2_ITERATIONS = 600_000;
const MIN_ITERATIONS = 250_000;
const MAX_ITERATIONS = 10_000_000;
const IV_BYTES = 12;
const CHECK_TEXT = 'em-lens-sync-key-check';
const CHECK_PATH = 'format.json#check';

export interface EncryptionHeader {
  cipher: 'AES-GCM';
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  /** base64 */
  salt: string;
  /** base64: IV and the sealed check text. */
  check: string;
}

export interface FileCipher {
  seal(plain: Uint8Array, path: string): Promise<Uint8Array>;
  /** Throws a SyncError when the file was not sealed with this key for this path. */
  open(sealed: Uint8Array, path: string): Promise<Uint8Array>;
}

const encoder = new TextEncoder();
const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** Copies into a fresh ArrayBuffer-backed array, as WebCrypto's types want. */
const own = (bytes: Uint8Array) => new Uint8Array(bytes);

export async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: own(salt), iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export function fileCipher(key: CryptoKey, random: (bytes: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): FileCipher {
  return {
    async seal(plain, path) {
      const iv = own(random(IV_BYTES));
      const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(path) }, key, own(plain)));
      const out = new Uint8Array(IV_BYTES + sealed.length);
      out.set(iv);
      out.set(sealed, IV_BYTES);
      return out;
    },
    async open(sealed, path) {
      if (sealed.length < IV_BYTES + 16) throw new SyncError('sync-server-error', `${path} is too short to be sealed`);
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: own(sealed.subarray(0, IV_BYTES)), additionalData: encoder.encode(path) },
          key,
          own(sealed.subarray(IV_BYTES)),
        );
        return new Uint8Array(plain);
      } catch {
        throw new SyncError('sync-server-error', `${path} does not open with this folder's key`);
      }
    },
  };
}

/** A new key for a new folder, and the header format.json keeps for it. */
export async function newEncryption(passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<{ key: CryptoKey; header: EncryptionHeader }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await deriveKey(passphrase, salt, iterations);
  const check = await fileCipher(key).seal(encoder.encode(CHECK_TEXT), CHECK_PATH);
  return { key, header: { cipher: 'AES-GCM', kdf: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), check: toBase64(check) } };
}

/** The header as format.json has it, checked; null when it is not one this version reads. */
export function checkEncryptionHeader(value: unknown): EncryptionHeader | null {
  if (typeof value !== 'object' || value === null) return null;
  const { cipher, kdf, iterations, salt, check } = value as Record<string, unknown>;
  if (cipher !== 'AES-GCM' || kdf !== 'PBKDF2-SHA-256') return null;
  if (!Number.isInteger(iterations) || (iterations as number) < MIN_ITERATIONS || (iterations as number) > MAX_ITERATIONS) return null;
  if (typeof salt !== 'string' || typeof check !== 'string') return null;
  try {
    if (fromBase64(salt).length < 16 || fromBase64(check).length < IV_BYTES + 16) return null;
  } catch {
    return null;
  }
  return { cipher, kdf, iterations: iterations as number, salt, check };
}

/** The folder's key from the reader's passphrase; a wrong passphrase is refused with its own code. */
export async function openEncryption(header: EncryptionHeader, passphrase: string): Promise<CryptoKey> {
  const key = await deriveKey(passphrase, fromBase64(header.salt), header.iterations);
  try {
    await fileCipher(key).open(fromBase64(header.check), CHECK_PATH);
  } catch {
    throw new SyncError('sync-wrong-passphrase', 'the passphrase does not open this folder');
  }
  return key;
}
