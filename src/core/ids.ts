/** Idempotency keys: random enough that two phones never collide, no crypto API needed. */
export function newIdempotencyKey(): string {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  const bytes = new Uint8Array(16)
  if (c?.getRandomValues) c.getRandomValues(bytes)
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256)
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `k${Date.now().toString(36)}-${hex}`
}
