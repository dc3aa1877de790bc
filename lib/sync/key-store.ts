/**
 * Where the folder's key is kept between runs: the archive's own meta store,
 * as the non-extractable CryptoKey WebCrypto made. IndexedDB keeps a CryptoKey
 * as it is; extension storage takes JSON only, so there the key would have to
 * be raw bytes any script of the extension could read and send away. The
 * passphrase itself is never kept.
 */
import type { ArchiveDb } from '../archive/schema';

const KEY = 'syncKey';

export interface KeyStore {
  load(): Promise<CryptoKey | null>;
  save(key: CryptoKey | null): Promise<void>;
}

export function archiveKeyStore(archive: () => Promise<ArchiveDb>): KeyStore {
  return {
    async load() {
      const key = await (await archive()).get('meta', KEY);
      return key instanceof CryptoKey ? key : null;
    },
    async save(key) {
      const db = await archive();
      if (key) await db.put('meta', key, KEY);
      else await db.delete('meta', KEY);
    },
  };
}
