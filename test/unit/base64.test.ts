import fc from 'fast-check'
import { fromBase64, toBase64 } from '../../mock/lib/base64'

// the mock's own base64 (mini-programs have no btoa/atob) must agree with Node's for every input
test('agrees with Node on any bytes, both ways', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const b64 = toBase64(bytes)
      expect(b64).toBe(Buffer.from(bytes).toString('base64'))
      expect(fromBase64(b64)).toEqual(bytes)
    }),
    { numRuns: 500 },
  )
})

test('refuses what is not base64 instead of guessing', () => {
  for (const bad of ['a', 'ab*d', '====a', '中文']) expect(() => fromBase64(bad)).toThrow('not base64')
})
