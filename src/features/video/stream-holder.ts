/** The camera stream the pre-check opened, handed to the room page so nobody is asked twice. */
let held: MediaStream | null = null

export const holdStream = {
  set(s: MediaStream | null) {
    held = s
  },
  /** the room takes it; it is then the room's to stop */
  take(): MediaStream | null {
    const s = held
    held = null
    return s
  },
  has(s: MediaStream | null) {
    return !!s && s === held
  },
}
