/**
 * A compact set of natural keys for duplicate detection in files of millions of rows: each
 * key is stored as a 53-bit hash (two FNV-1a variants) in an open-addressing table of one
 * Float64Array at load factor ≤ 0.7 — 8 bytes a slot, 11–23 bytes a key (16 MB for a million
 * keys; size it up front with the expected count so that growing never holds two tables). A JS Set of the key
 * strings would take several hundred MB for a million rows.
 *
 * A hash hit is a *suspected* duplicate: two different keys collide with probability
 * ≈ n² / 2⁵⁴ (≈ 10⁻⁴ for a million keys), so callers confirm suspects by comparing the real
 * keys (see analyzeImportFile) before reporting them.
 */
export class KeySet {
  private hashes: Float64Array;
  private size = 0;

  constructor(capacity = 1 << 16) {
    let cap = 1;
    while (cap * MAX_LOAD < capacity) cap <<= 1;
    this.hashes = new Float64Array(cap);
  }

  get count(): number {
    return this.size;
  }

  /** Bytes the table takes. */
  get bytes(): number {
    return this.hashes.byteLength;
  }

  /** Adds a key; false when (its hash) was there already. */
  add(key: string): boolean {
    if (this.size + 1 > this.hashes.length * MAX_LOAD) this.grow();
    return this.insert(hashKey(key));
  }

  /** {@link add} of `a\0b\0c\0d` without building that string (same hash, see hashKeyParts). */
  addParts(a: string, b: string, c: string, d: string): boolean {
    if (this.size + 1 > this.hashes.length * MAX_LOAD) this.grow();
    return this.insert(hashKeyParts(a, b, c, d));
  }

  private insert(hash: number): boolean {
    const mask = this.hashes.length - 1;
    let slot = hash % (mask + 1);
    for (;;) {
      const h = this.hashes[slot];
      if (h === 0) {
        this.hashes[slot] = hash;
        this.size++;
        return true;
      }
      if (h === hash) return false;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.hashes;
    this.hashes = new Float64Array(old.length * 2);
    this.size = 0;
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.insert(old[i]);
  }
}

const MAX_LOAD = 0.7;

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

/**
 * hashKey(`${a}\0${b}\0${c}\0${d}`) from the parts: the import's natural key without a
 * concatenated string per fact (a cons string that hashing would first have to flatten).
 */
export function hashKeyParts(a: string, b: string, c: string, d: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let part = 0; part < 4; part++) {
    const text = part === 0 ? a : part === 1 ? b : part === 2 ? c : d;
    if (part > 0) {
      // The \0 between two parts.
      h1 = Math.imul(h1, 0x01000193);
      h2 = Math.imul(h2, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 0x01000193);
      h2 = Math.imul(h2 ^ ch, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  }
  const hash = (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
  return hash === 0 ? 1 : hash;
}
