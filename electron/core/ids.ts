import { uuidOfWords } from './uuid-words.js';

/**
 * Random (version 4) UUIDs, drawn from a pool of cryptographic random bytes as four 32-bit words
 * (see `writeUuidWords`). An execution keeps only its words until something reads its id as a
 * string (see `executionIdOf`): ten thousand fires a second then make no strings at all.
 */
const POOL_WORDS = 16 * 1024;
const pool = new Int32Array(POOL_WORDS);
// Filled as the module loads: Node loads its Web Crypto implementation on first use (~10 ms),
// which would otherwise land in the first task's registration.
crypto.getRandomValues(pool);
let used = 0;

/** The four words `newUuidWords` drew last; whoever keeps an id copies them from here. */
export const lastUuidWords = new Int32Array(4);

/** Draws a new random UUID (v4, RFC 9562 variant) into `lastUuidWords`. */
export function newUuidWords(): void {
  if (used + 4 > POOL_WORDS) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  lastUuidWords[0] = pool[used] as number;
  // Byte 6's high nibble is the version (4), byte 8's two high bits the variant (10).
  lastUuidWords[1] = ((pool[used + 1] as number) & ~0xf000) | 0x4000;
  lastUuidWords[2] = ((pool[used + 2] as number) & 0x3fffffff) | 0x80000000;
  lastUuidWords[3] = pool[used + 3] as number;
  used += 4;
}

/** A new random UUID as a flat string; its words are left in `lastUuidWords`. */
export function newUuid(): string {
  newUuidWords();
  return uuidOfWords(
    lastUuidWords[0] as number,
    lastUuidWords[1] as number,
    lastUuidWords[2] as number,
    lastUuidWords[3] as number,
  );
}
