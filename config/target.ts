export type AppTarget = 'staff' | 'resident'

export function resolveTarget(): AppTarget {
  const target = process.env.APP_TARGET ?? 'staff'
  if (target !== 'staff' && target !== 'resident') {
    throw new Error(`APP_TARGET must be "staff" or "resident", got "${target}"`)
  }
  return target
}
