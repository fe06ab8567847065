/**
 * How many tests a stage of `npm test` ran, read from its own output: jest's "Tests: 2 failed, 1180
 * passed, 1182 total", the weapp runner's "weapp: 31 passed, 0 failed", the journeys' closing "23 passed,
 * 0 failed". A stage without such a line (types, a build, the weapp checks) is one test. A stage that failed
 * with nothing counted as failed still counts one failure, so a crash never reads as green.
 */
export function countTests(name, output, ok) {
  const text = String(output).replace(/\u001b\[[0-9;]*m/g, '')
  let m = [...text.matchAll(/^Tests:\s+(.*\d+ total)$/gm)].pop()
  if (m) {
    const failed = Number(/(\d+) failed/.exec(m[1])?.[1] ?? 0)
    const passed = Number(/(\d+) passed/.exec(m[1])?.[1] ?? 0)
    return fix({ passed, failed }, ok)
  }
  m = [...text.matchAll(/^(?:weapp: )?(\d+) passed, (\d+) failed\b/gm)].pop()
  if (m) return fix({ passed: Number(m[1]), failed: Number(m[2]) }, ok)
  return ok ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }
}

function fix(c, ok) {
  return !ok && c.failed === 0 ? { ...c, failed: 1 } : c
}
