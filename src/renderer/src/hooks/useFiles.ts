import { useCallback, useRef } from 'react'
import type { FileContent } from '../../../shared/api/types'
import type { Result } from '../../../shared/result'
import { api } from '../api'

/** An attachment of the case or a document issued for it. */
export interface DocRef {
  kind: 'attachment' | 'document'
  id: number
}

export const sameDoc = (a: DocRef | null, b: DocRef | null): boolean => !!a && !!b && a.kind === b.kind && a.id === b.id

/** Fetches file contents once per case screen (the page is remounted per case, so the cache is too). */
export function useFiles(): (ref: DocRef) => Promise<Result<FileContent>> {
  const cache = useRef(new Map<string, Promise<Result<FileContent>>>())
  return useCallback((ref: DocRef) => {
    const key = `${ref.kind}:${ref.id}`
    let p = cache.current.get(key)
    if (!p) {
      p = ref.kind === 'attachment' ? api.attachments.content({ id: ref.id }) : api.documents.content({ id: ref.id })
      cache.current.set(key, p)
      // Failures are not cached: the next try asks again.
      void p.then((r) => {
        if (!r.ok) cache.current.delete(key)
      })
    }
    return p
  }, [])
}
