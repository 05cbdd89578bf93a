// Two desks deciding the same case in random online/offline interleavings (fast-check): whatever the
// order, every mutation settles exactly once, the mirrors converge, and at most one decision wins per round.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type Desk, deskAt, localVersion, RETURN, startServer } from './env'
import { checkInvariants, FINAL_DECISIONS } from './invariants'
import { startProxy } from './proxy'

type Cmd =
  | { t: 'claim'; d: 0 | 1 }
  | { t: 'act'; d: 0 | 1; action: 'approve' | 'return_for_changes' }
  | { t: 'offline' | 'online'; d: 0 | 1 }
  | { t: 'sync' }
  | { t: 'resubmit' }

const desk = fc.constantFrom<0 | 1>(0, 1)
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ t: fc.constant('claim' as const), d: desk }),
  fc.record({ t: fc.constant('act' as const), d: desk, action: fc.constantFrom('approve' as const, 'return_for_changes' as const) }),
  fc.record({ t: fc.constantFrom('offline' as const, 'online' as const), d: desk }),
  fc.constant({ t: 'sync' as const }),
  fc.constant({ t: 'resubmit' as const })
)

const show = (cmds: Cmd[]) => cmds.map((c) => ('d' in c ? `${'AB'[c.d]}.${c.t}${'action' in c ? `(${c.action})` : ''}` : c.t)).join(' ')

async function run(cmds: Cmd[]): Promise<void> {
  const s = await startServer()
  const proxies = [await startProxy(s.url), await startProxy(s.url)]
  const desks: Desk[] = []
  try {
    const caseId = await s.submit(1)
    desks.push(await deskAt(proxies[0].url, s.clock, 'clerk1'), await deskAt(proxies[1].url, s.clock, 'clerk2'))
    for (const d of desks) await d.sync.pullOnce()
    const attempted = new Set<string>()
    for (const c of cmds) {
      s.clock.advance(60_000)
      switch (c.t) {
        case 'claim':
          await desks[c.d].call('cases.claim', { id: caseId }).catch(() => undefined) // a local refusal queues nothing
          break
        case 'act': {
          const d = desks[c.d]
          const input = c.action === 'approve' ? {} : RETURN
          await d.call('cases.act', { id: caseId, action: c.action, version: localVersion(d, caseId), input }).then(
            () => attempted.add(c.action),
            () => undefined
          )
          break
        }
        case 'offline':
        case 'online':
          proxies[c.d].down = c.t === 'offline'
          break
        case 'sync':
          for (const d of desks) await d.sync.pushOnce()
          for (const d of desks) await d.sync.pullOnce()
          break
        case 'resubmit':
          if ((await s.caseRow(caseId)).state === 'returned') await s.portal('POST', `/applications/${caseId}/resubmit`, {})
          break
      }
    }
    for (const p of proxies) p.down = false
    const violations = await checkInvariants({
      serverDb: s.db,
      now: s.clock.now(),
      desks: desks.map((d) => ({ store: d.store, clientId: d.clientId, staff: d.username, sync: d.sync }))
    })
    expect(violations, show(cmds)).toEqual([])
    // Every decision a desk queued was answered: applied (at most one per round, checked above) or rejected with an attention item.
    const decided = (await s.eventActions(caseId)).filter((a) => FINAL_DECISIONS.has(a))
    for (const a of decided) expect(attempted.has(a), show(cmds)).toBe(true)
  } finally {
    for (const d of desks) await d.dispose()
    for (const p of proxies) await p.close()
    await s.close()
  }
}

describe('two desks, random interleavings', () => {
  it('hold the invariants and let at most one decision win per round', { timeout: 600_000 }, async () => {
    await fc.assert(fc.asyncProperty(fc.array(cmd, { minLength: 4, maxLength: 18 }), run), { numRuns: 25 })
  })
})
