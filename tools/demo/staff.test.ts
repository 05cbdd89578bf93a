import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../src/shared-node/password'
import { addStaff, tempStore } from '../../src/main/core/testing/fixtures'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedStaff } from './staff'

let store: ReturnType<typeof tempStore>
beforeEach(() => (store = tempStore()))
afterEach(() => store.dispose())

const rows = () =>
  store.sqlite.prepare('SELECT id, username, display_name, role, password_hash FROM staff ORDER BY id').all() as {
    id: number
    username: string
    display_name: string
    role: string
    password_hash: string
  }[]

describe('seedStaff', () => {
  it('creates the demo accounts with the demo password', () => {
    const ids = seedStaff(store)
    const staff = rows()
    expect(staff.map((s) => [s.username, s.display_name, s.role])).toEqual(DEMO_ACCOUNTS.map((a) => [a.username, a.displayName, a.role]))
    for (const s of staff) {
      expect(verifyPassword(DEMO_PASSWORD, s.password_hash)).toBe(true)
      expect(verifyPassword('wrong-pass', s.password_hash)).toBe(false)
      expect(ids.get(s.username)).toBe(s.id)
    }
  })

  it('only adds what is missing and leaves existing accounts as they are', () => {
    const existing = addStaff(store, 'admin', 'admin', '李主任')
    const before = rows().find((s) => s.username === 'admin')!
    const first = seedStaff(store)
    const second = seedStaff(store)
    expect(second).toEqual(first)
    expect(rows()).toHaveLength(DEMO_ACCOUNTS.length)
    expect(rows().find((s) => s.username === 'admin')).toEqual(before)
    expect(first.get('admin')).toBe(existing.id)
  })
})
