import { type RefObject, useEffect, useState } from 'react'

/** The element's client height, followed as the window resizes (tables scroll inside their box). */
export function useElementHeight(ref: RefObject<HTMLElement | null>, deps: readonly unknown[] = []): number {
  const [height, setHeight] = useState(0)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const ro = new ResizeObserver(() => setHeight(el.clientHeight))
    ro.observe(el)
    return () => ro.disconnect()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  return height
}
