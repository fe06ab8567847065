/**
 * Masking of personal data (PIPL): the server masks by default, so a response to someone without a
 * stated need never carries the full value.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (digits.length < 7) return '*'.repeat(digits.length)
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`
}

/** 440306199001011234 → 4403**********1234 */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length)
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`
}

/** 宝安区西乡街道固戍社区南昌路12号 → 宝安区西乡街道**** : keep the street, hide the rest. */
export function maskAddress(address: string): string {
  const m = address.match(/^(.*?(?:街道|镇))/)
  return m ? `${m[1]}****` : `${address.slice(0, 3)}****`
}

/** 张晓梅 → 张** : for people outside the case, only the surname. */
export function maskName(name: string): string {
  return name.length <= 1 ? name : `${name[0]}${'*'.repeat(name.length - 1)}`
}

// letters around it too: a hex hash can hold eleven digits in a row
const FULL_PHONE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/
const FULL_ID = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/

/** Used by tests and by the mock's outgoing check: does this text carry an unmasked phone or ID number? */
export function findUnmaskedPersonalData(text: string): string | null {
  return text.match(FULL_PHONE)?.[0] ?? text.match(FULL_ID)?.[0] ?? null
}
