/**
 * A compact set of natural keys for duplicate detection in files of millions of rows: each
 * key is stored as a 53-bit hash (two FNV-1a variants) in an open-addressing table of typed
 * arrays (≈ 24 bytes a key), with the row that first used it. A JS Set of the key strings
 * would take several hundred MB for a million rows.
 *
 * A hash hit is a *suspected* duplicate: two different keys collide with probability
 * ≈ n² / 2⁵⁴ (≈ 10⁻⁴ for a million keys), so callers confirm suspects by comparing the real
 * keys (see analyzeImportFile) before reporting them.
 */
export class KeySet {
  private hashes: Float64Array;
  private rows: Int32Array;
  private size = 0;

  constructor(capacity = 1 << 16) {
    let cap = 1;
    while (cap < capacity * 2) cap <<= 1;
    this.hashes = new Float64Array(cap);
    this.rows = new Int32Array(cap);
  }

  get count(): number {
    return this.size;
  }

  /** Adds a key; returns the row that added it first when it was there already, else -1. */
  addOrGet(key: string, row: number): number {
    if ((this.size + 1) * 2 > this.hashes.length) this.grow();
    return this.insert(hashKey(key), row);
  }

  private insert(hash: number, row: number): number {
    const mask = this.hashes.length - 1;
    let slot = hash % (mask + 1);
    for (;;) {
      const h = this.hashes[slot];
      if (h === 0) {
        this.hashes[slot] = hash;
        this.rows[slot] = row;
        this.size++;
        return -1;
      }
      if (h === hash) return this.rows[slot];
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldRows = this.rows;
    this.hashes = new Float64Array(oldHashes.length * 2);
    this.rows = new Int32Array(oldRows.length * 2);
    this.size = 0;
    for (let i = 0; i < oldHashes.length; i++) if (oldHashes[i] !== 0) this.insert(oldHashes[i], oldRows[i]);
  }
}

/** A non-zero 53-bit hash of a string (FNV-1a 32-bit, and a second FNV variant for 21 bits). */
export function hashKey(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  const hash = (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
  return hash === 0 ? 1 : hash;
}
