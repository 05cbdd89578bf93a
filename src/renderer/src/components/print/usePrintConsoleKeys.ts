import { useEffect, useRef } from 'react'
import { isTyping } from '../../hooks/useHotkeys'

export interface SelectionKeys {
  /** Ctrl+A: the whole page (again: none). */
  selectAll(): void
  /** Space / Enter: the cursor row in or out of the selection. */
  toggleCursor(): void
}

/** Controls that answer Space/Enter themselves (a focused button, link, checkbox, tab). */
const OWN_KEYS = 'button, a, [role="button"], [role="tab"], input, label, .ant-checkbox-wrapper, .ant-pagination'

function overlayOpen(target: EventTarget | null): boolean {
  if (target instanceof Element && target.closest('.ant-modal-wrap, .ant-drawer, .ant-select-dropdown, [role="dialog"]')) return true
  return [...document.querySelectorAll<HTMLElement>('.ant-modal-wrap, .ant-drawer-open')].some((el) => el.style.display !== 'none' && el.getClientRects().length > 0)
}

/**
 * The selection keys of the print console's table: Ctrl+A selects the page, Space/Enter toggle the cursor row.
 * Written apart from `useHotkeys` because these keys keep their usual meaning in a search box, on a focused
 * button and inside dialogs (there they must not be swallowed).
 */
export function usePrintConsoleKeys(keys: SelectionKeys, enabled: boolean): void {
  const ref = useRef(keys)
  useEffect(() => {
    ref.current = keys
  })
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.altKey || isTyping(e.target) || overlayOpen(e.target)) return
      const key = e.key.toLowerCase()
      if ((e.ctrlKey || e.metaKey) && key === 'a') {
        e.preventDefault()
        ref.current.selectAll()
        return
      }
      if (e.ctrlKey || e.metaKey || (key !== ' ' && key !== 'enter')) return
      if (e.target instanceof Element && e.target !== document.body && e.target.closest(OWN_KEYS)) return
      e.preventDefault()
      ref.current.toggleCursor()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled])
}
