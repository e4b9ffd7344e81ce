/**
 * fast-check with a fixed, printed seed: every property runs with FC_SEED (default below), so a failure
 * is reproducible, and the failure message starts with the seed and the command line that replays it.
 */
import fc from 'fast-check';

export const FC_SEED = Number(process.env.FC_SEED ?? 20261128);

/**
 * IRSA_PROPERTY_SCALE (default 1) scales the number of generated cases of the heaviest properties. Only the
 * mutation runs lower it (stryker.config.mjs), because there every mutant reruns the tests that cover it;
 * `npm test` always runs the full counts. Minimum-count checks scale with it.
 */
export const PROPERTY_SCALE = Number(process.env.IRSA_PROPERTY_SCALE ?? 1);

/** `n` cases scaled by IRSA_PROPERTY_SCALE (at least 1). */
export function scaled(n: number): number {
  return Math.max(1, Math.round(n * PROPERTY_SCALE));
}

export function assertProperty<T>(property: fc.IProperty<T>, numRuns: number): void {
  try {
    fc.assert(property, { seed: FC_SEED, numRuns });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(`fast-check failed with seed ${FC_SEED} (rerun with FC_SEED=${FC_SEED}):\n${message}`);
  }
}

/** fc.sample with the fixed seed. */
export function sampleSeeded<T>(arbitrary: fc.Arbitrary<T>, numRuns: number): T[] {
  return fc.sample(arbitrary, { seed: FC_SEED, numRuns });
}

/** assertProperty for async properties. */
export async function assertAsyncProperty<T>(property: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  try {
    await fc.assert(property, { seed: FC_SEED, numRuns });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(`fast-check failed with seed ${FC_SEED} (rerun with FC_SEED=${FC_SEED}):\n${message}`);
  }
}
