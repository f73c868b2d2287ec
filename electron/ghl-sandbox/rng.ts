/** Seeded PRNG (mulberry32) so fault injection and ids are reproducible across runs. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 20-character id shaped like GHL's (Firebase-style) ids. */
export function makeId(rng: () => number): string {
  let id = '';
  for (let i = 0; i < 20; i++) id += ALPHABET[Math.floor(rng() * ALPHABET.length)];
  return id;
}
