import { useEffect } from 'react'
import { api } from '../api'

/** At most one `auth.touch` a minute: enough for an idle limit counted in minutes (5 at the least). */
export const TOUCH_EVERY_MS = 60_000

const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const

/**
 * While signed in, keyboard and mouse use in this window tells the main process the session is in use
 * (`auth.touch`, at most once a minute), so an idle session ends only when nobody works in the window.
 * Signing in counts as use. A touch that answers UNAUTHENTICATED (the session already ended) sends the
 * window back to sign-in through `onSessionExpired`, with the reason.
 */
export function useIdleTouch(signedIn: boolean): void {
  useEffect(() => {
    if (!signedIn) return
    // performance.now(): monotonic, not moved by a clock change (nor by a test's frozen Date).
    let last = performance.now()
    const onInput = () => {
      const now = performance.now()
      if (now - last < TOUCH_EVERY_MS) return
      last = now
      void api.auth.touch({})
    }
    for (const name of INPUT_EVENTS) window.addEventListener(name, onInput, { capture: true, passive: true })
    return () => {
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput, { capture: true })
    }
  }, [signedIn])
}
