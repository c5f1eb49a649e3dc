const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

/**
 * Returns the first `nextInt(bound)` of a `java.util.Random` seeded with `seed`: an integer in `[0, bound)`.
 *
 * @remarks
 * `States.MathRandom` with a seed must give the same value for the same seed. The JVM's generator is used so
 * that, if AWS draws the value the same way, local runs match it too (not asserted against AWS).
 * @internal
 */
export function seededRandomInt(seed: number, bound: number): number {
  let state = (BigInt(seed) ^ MULTIPLIER) & MASK;
  const next31 = (): number => {
    state = (state * MULTIPLIER + ADDEND) & MASK;
    return Number(state >> 17n);
  };
  let r = next31();
  const m = bound - 1;
  if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n);
  for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = next31());
  return r;
}
