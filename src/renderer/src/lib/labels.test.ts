import { describe, expect, it } from 'vitest'
import { stateOf, subtypeLabel, typeLabel } from './labels'

describe('labels of stored values the desk did not write', () => {
  it('shows a subtype from Object.prototype as it is, never the prototype itself', () => {
    expect(subtypeLabel('archive_deposit', '__proto__')).toBe('__proto__')
    expect(subtypeLabel('archive_deposit', 'toString')).toBe('toString')
    expect(typeLabel('archive_deposit', '__proto__')).toBe('存档申请（__proto__）')
  })

  it('shows a state from Object.prototype as it is', () => {
    expect(stateOf('archive_deposit', 'constructor')).toEqual({ label: 'constructor', color: 'default' })
    expect(stateOf('archive_deposit', '__proto__')).toEqual({ label: '__proto__', color: 'default' })
  })
})
