import { afterEach, beforeEach, expect, it } from 'vitest'
import { tempStore } from '../testing/fixtures'
import { startCheckpointer } from './checkpointer'

let store: ReturnType<typeof tempStore>
beforeEach(() => (store = tempStore()))
afterEach(() => store.dispose())

it('during a pull the connection leaves checkpoints to a worker thread, and takes them back after', async () => {
  const auto = () => store.sqlite.pragma('wal_autocheckpoint', { simple: true })
  expect(auto()).toBe(1000)
  const cp = startCheckpointer(store, 0)
  expect(auto()).toBe(0)
  store.sqlite.exec('CREATE TABLE t (x)')
  const insert = store.sqlite.prepare('INSERT INTO t VALUES (?)')
  for (let i = 0; i < 50; i++) {
    store.sqlite.transaction(() => insert.run(i))()
    cp.poke()
    await new Promise((r) => setTimeout(r, 1))
  }
  await cp.close()
  expect(auto()).toBe(1000)
  expect(store.sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 50 })
})

it('closing after the store was closed (a recovery during a pull) still ends the worker', async () => {
  const cp = startCheckpointer(store, 0)
  store.sqlite.close()
  await expect(cp.close()).resolves.toBeUndefined()
})
