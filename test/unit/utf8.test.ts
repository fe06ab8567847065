// The mock's hashing runs inside the in-process mini-program preview, which has no TextEncoder: the
// hand-written encoder must give the same bytes as TextEncoder, which Node and browsers use.
import { sha256Hex, utf8Bytes, utf8BytesByHand } from '../../mock/lib/hash'
import { createHash } from 'node:crypto'

describe.each([
  ['TextEncoder', utf8Bytes],
  ['by hand (mini-programs)', utf8BytesByHand],
])('utf8Bytes, %s', (_name, encode) => {
  it.each(['', 'abc', '公文流转', 'é€𝄞😀', '\u0000\u007f\u0080\u07ff\u0800\uffff'])('encodes %j exactly as Node does', (s) => {
    expect(Buffer.from(encode(s)).equals(Buffer.from(s, 'utf8'))).toBe(true)
  })

  it('turns a lone surrogate into U+FFFD', () => {
    expect([...encode('a\ud800b')]).toEqual([0x61, 0xef, 0xbf, 0xbd, 0x62])
    expect([...encode('\udc00')]).toEqual([0xef, 0xbf, 0xbd])
  })
})

describe('sha256Hex', () => {
  it('hashes text to the same sha256 as Node', () => {
    expect(sha256Hex('一端畅联')).toBe(createHash('sha256').update('一端畅联', 'utf8').digest('hex'))
  })
})
