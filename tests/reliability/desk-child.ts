// A desk in its own process, for the process-kill scenarios (kill.test.ts). Modes:
//   push <store file> <server url> <username>  — signs in, pushes the outbox once, prints `report <json>`
//   act  <store file> <username>               — claims / releases the mirrored cases in an endless loop,
//                                                printing `n <count>` every 5 actions (killed by the test)
import { systemClock } from '../../src/main/core/clock'
import { createServicesOn } from '../../src/main/core/api'
import { openStore } from '../../src/main/core/store'
import { staffByUsername, toSession } from '../../src/main/core/staff/repo'

const [mode, file, ...rest] = process.argv.slice(2)
const say = (line: string) => process.stdout.write(`${line}\n`)
const store = openStore(file)

if (mode === 'push') {
  const [url, username] = rest
  const services = createServicesOn(store, systemClock, { sync: { serverUrl: url, pollMs: 3_600_000 } })
  await services.sync!.signIn(username, 'demo1234')
  say('signed-in')
  const report = await services.sync!.pushOnce()
  say(`report ${JSON.stringify(report)}`)
  await services.sync!.stop()
  store.close()
  process.exit(0)
} else if (mode === 'act') {
  const [username] = rest
  const services = createServicesOn(store, systemClock)
  const staff = toSession(staffByUsername(store.sqlite, username)!)
  const cases = (store.sqlite.prepare('SELECT id FROM cases ORDER BY id').all() as { id: string }[]).map((r) => r.id)
  const assignee = store.sqlite.prepare('SELECT assignee_id AS a FROM cases WHERE id = ?')
  say('ready')
  for (let n = 1; ; n++) {
    const id = cases[n % cases.length]
    if ((assignee.get(id) as { a: number | null }).a === null) services.cases.claim(id, staff)
    else services.cases.release(id, staff)
    if (n % 5 === 0) say(`n ${n}`)
  }
} else {
  throw new Error(`unknown mode ${mode}`)
}
