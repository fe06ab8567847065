import type { Api, Launch, WeappDriver } from '../driver'

/** A weapp journey: written once, run by every driver (see ../driver.ts). */
export interface WeappJourney extends Launch {
  name: string
  /** what a person does and sees; resolves to a one-line summary of what was proven */
  run(d: WeappDriver, api: Api): Promise<string>
}

export function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message)
}
