/**
 * The seed of a model-based test. `npm test` is deterministic: each model test runs a fixed seed, so a
 * red run is a real regression and replays exactly. To explore, ask for fresh seeds:
 *
 *   MODEL_SEED=random npx jest test/unit/cases-model.test.ts          a new seed each run (printed on failure)
 *   CASES_MODEL_SEED=-1333731793 npx jest test/unit/cases-model.test.ts   replay one
 *
 * A fresh seed is drawn from Math.random, never from the clock (no test reads the real time).
 */
export function modelSeed(envName: string, fixed: number): number {
  const own = process.env[envName]
  if (own !== undefined && own !== '') return Number(own)
  if (process.env.MODEL_SEED === 'random') return Math.floor(Math.random() * 0xffffffff) | 0
  return fixed
}
