import { afterEach, beforeEach } from 'vitest'
import { type Exchange, openDesk, startExchange, type TestDesk } from './testing'

/**
 * The real exchange service for every test of the calling file; desks made with `openDesk` are
 * disposed after the test. `ex` is the current test's service.
 */
export function exchangePerTest() {
  let current: Exchange | undefined
  const desks: TestDesk[] = []
  beforeEach(async () => {
    current = await startExchange()
  }, 60_000)
  afterEach(async () => {
    for (const d of desks.splice(0)) await d.dispose()
    await current?.close()
  })
  return {
    get ex(): Exchange {
      return current!
    },
    openDesk(): TestDesk {
      const d = openDesk(current!.url, current!.clock)
      desks.push(d)
      return d
    }
  }
}
