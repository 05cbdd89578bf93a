import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts', 'server/**/*.test.ts', 'tools/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Starting and closing an embedded PGlite exchange per test takes seconds on a busy 2-core machine.
    hookTimeout: 60_000,
    pool: 'forks'
  }
})
