// Child processes for the process-kill scenarios: `node_modules/.bin/tsx <script>` in its own process
// group (tsx runs the script in a child node process, so a kill goes to the whole group), its stdout
// read line by line.
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = resolve(ROOT, 'node_modules/.bin/tsx')

export interface Child {
  proc: ChildProcess
  lines: string[]
  /** Resolves with the first stdout line (seen or to come) that matches; rejects if the process ends first. */
  until(match: (line: string) => boolean, timeoutMs?: number): Promise<string>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** SIGKILL to the process group; resolves with the signal that ended the process (no-op when it already ended). */
  kill(): Promise<NodeJS.Signals | null>
  /** SIGTERM (a clean stop), waits for the exit. */
  stop(): Promise<number | null>
}

export function spawnTsx(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(TSX, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  const lines: string[] = []
  let stderr = ''
  let done = false
  const listeners = new Set<() => void>()
  createInterface({ input: proc.stdout! }).on('line', (l) => {
    lines.push(l)
    for (const f of listeners) f()
  })
  proc.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    proc.on('exit', (code, signal) => {
      done = true
      for (const f of listeners) f()
      r({ code, signal })
    })
  )
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, sig)
    } catch {
      // the group is gone already
    }
  }
  return {
    proc,
    lines,
    exited,
    until: (match, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`timed out waiting for output of ${args.join(' ')}\n${stderr}`)), timeoutMs)
        function finish(e?: Error, line?: string) {
          clearTimeout(timer)
          listeners.delete(check)
          if (e) reject(e)
          else resolve(line!)
        }
        function check() {
          const line = lines.find(match)
          if (line !== undefined) finish(undefined, line)
          else if (done) finish(new Error(`${args.join(' ')} exited before the expected output\n${lines.slice(-5).join('\n')}\n${stderr}`))
        }
        listeners.add(check)
        check()
      }),
    kill: async () => {
      if (done) return (await exited).signal
      signal('SIGKILL')
      return (await exited).signal
    },
    stop: async () => {
      signal('SIGTERM')
      return (await exited).code
    }
  }
}

/** A loopback port nobody listens on (the server is restarted on the same one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}
