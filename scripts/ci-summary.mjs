#!/usr/bin/env node
// Summarises one `npm test` run as a final `N passed, N failed` line (plain Node, no dependencies).
//
//   node scripts/ci-summary.mjs --log test-results/ci.log --exit <npm test exit code> [--dir test-results]
//
// `npm test` is `typecheck && lint && test:unit && test:e2e`. Typecheck and lint count as one check
// each; their outcome is read from npm's `> pkg@version <script>` banners in the log (a step passed
// when the next one started, or when it was the last one and `npm test` exited 0). Unit and e2e counts
// come from the JSON reports: test-results/vitest.json (vitest's json reporter) and
// test-results/playwright.json (Playwright's json reporter, configured in playwright.config.ts).
// A step that ran but left no report, or exited non-zero without a recorded failure, counts as one
// failure. Exits 1 if anything failed or `npm test` exited non-zero; the summary line is printed last.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const STEPS = ['typecheck', 'lint', 'test:unit', 'test:e2e']

export function parseArgs(argv) {
  const args = { log: 'test-results/ci.log', exit: 0, dir: 'test-results' }
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '')
    if (key in args) args[key] = key === 'exit' ? Number(argv[++i]) : argv[++i]
  }
  return args
}

/** The steps of the chain that started, in order, from npm's script banners. */
export function startedSteps(log) {
  const started = []
  for (const m of log.matchAll(/^> \S+@\S+ (\S+)\s*$/gm)) {
    if (STEPS.includes(m[1]) && !started.includes(m[1])) started.push(m[1])
  }
  return started
}

function readJson(file) {
  if (!existsSync(file)) return null
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

/** Vitest json reporter: failed tests, plus files that failed without a failing test (e.g. import errors). */
export function vitestCounts(report) {
  const fileErrors = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')
  ).length
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + fileErrors,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  }
}

/** Playwright json reporter: expected/flaky passed, unexpected failed; global errors count once each. */
export function playwrightCounts(report) {
  const s = report.stats ?? {}
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: (s.unexpected ?? 0) + (report.errors ?? []).length,
    skipped: s.skipped ?? 0
  }
}

export function summarise({ log, exit, reports }) {
  const started = startedSteps(log)
  const last = started.at(-1)
  const lines = []
  let passed = 0
  let failed = 0
  let skipped = 0

  for (const step of STEPS) {
    if (!started.includes(step)) {
      // After a failure the chain stops; after a success every step must have run.
      if (exit === 0) failed++
      lines.push(`${step}: not run${exit === 0 ? ' (npm test succeeded without it: counted as failed)' : ''}`)
      continue
    }
    const stepFailed = step === last && exit !== 0
    if (step === 'typecheck' || step === 'lint') {
      if (stepFailed) failed++
      else passed++
      lines.push(`${step}: ${stepFailed ? 'failed' : 'passed'}`)
      continue
    }
    const report = step === 'test:unit' ? reports.vitest : reports.playwright
    if (!report) {
      failed++
      lines.push(`${step}: no report written (${stepFailed ? 'step failed' : 'missing'})`)
      continue
    }
    const c = step === 'test:unit' ? vitestCounts(report) : playwrightCounts(report)
    passed += c.passed
    failed += c.failed
    skipped += c.skipped
    let note = ''
    if (stepFailed && c.failed === 0) {
      failed++
      note = ' (exited non-zero without a recorded failure)'
    }
    lines.push(`${step}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped${note}`)
  }
  if (started.length === 0 && exit !== 0) {
    failed++
    lines.push('npm test failed before any step started')
  }
  return { lines, passed, failed, skipped, ok: failed === 0 && exit === 0 }
}

function main() {
  const args = parseArgs(process.argv.slice(2))
  const log = existsSync(args.log) ? readFileSync(args.log, 'utf8') : ''
  const reports = { vitest: readJson(join(args.dir, 'vitest.json')), playwright: readJson(join(args.dir, 'playwright.json')) }
  const s = summarise({ log, exit: args.exit, reports })
  for (const line of s.lines) console.log(line)
  if (s.skipped) console.log(`${s.skipped} skipped`)
  console.log(`${s.passed} passed, ${s.failed} failed`)
  process.exitCode = s.ok ? 0 : 1
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main()
