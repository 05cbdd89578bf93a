import { afterEach, beforeEach } from 'vitest'
import { startTest, type TestOptions, type TestServer } from './harness'

/**
 * A fresh test server for every test of the calling file: the returned object is refilled before each
 * test and closed after it (PGlite's start and migrations take seconds on a loaded machine).
 */
export function serverPerTest(opts: TestOptions = {}): TestServer {
  const t = {} as TestServer
  beforeEach(async () => {
    Object.assign(t, await startTest(opts))
  }, 60_000)
  afterEach(() => t.close(), 60_000)
  return t
}
