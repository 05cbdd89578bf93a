import { useEffect, useRef } from 'react'

/**
 * Window-level keyboard shortcuts. Keys are written like `j`, `enter`, `arrowdown`, `/`, `ctrl+f`,
 * `alt+arrowright`, `escape`. Ignored while the user types in a field or while a dialog, drawer or
 * dialog is open or focus is in a drawer or dropdown (so Esc closes the dialog, not the page). Bindings with a modifier (`ctrl+…`)
 * also work from inside fields.
 */
export type HotkeyMap = Record<string, (e: KeyboardEvent) => void>

export function useHotkeys(map: HotkeyMap, enabled = true): void {
  const ref = useRef(map)
  useEffect(() => {
    ref.current = map
  })
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return
      const combo = comboOf(e)
      const handler = ref.current[combo]
      if (!handler) return
      if (overlayOpen(e.target)) return
      if (isTyping(e.target) && !(e.ctrlKey || e.metaKey)) return
      e.preventDefault()
      handler(e)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled])
}

function comboOf(e: KeyboardEvent): string {
  const key = e.key.toLowerCase()
  const mods = [e.ctrlKey || e.metaKey ? 'ctrl' : '', e.altKey ? 'alt' : '', e.shiftKey && e.key.length > 1 ? 'shift' : '']
  return [...mods.filter(Boolean), key].join('+')
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag !== 'INPUT') return false
  const type = (target as HTMLInputElement).type
  return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(type)
}

const OVERLAYS = '.ant-modal-wrap, .ant-drawer, .ant-select-dropdown, .ant-picker-dropdown, .ant-dropdown, [role="dialog"]'

function overlayOpen(target: EventTarget | null): boolean {
  if (target instanceof Element && target.closest(OVERLAYS)) return true
  // Dialogs are modal; the reasons drawer is not (the documents beside it stay usable).
  return [...document.querySelectorAll<HTMLElement>('.ant-modal-wrap')].some(
    (el) => el.style.display !== 'none' && el.getClientRects().length > 0
  )
}
