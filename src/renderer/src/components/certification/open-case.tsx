import { Typography } from 'antd'
import { createContext, type ReactNode, useContext } from 'react'

/** Opens another case on the case screen (CasePage provides it; outside a case screen links are plain text). */
export const OpenCaseContext = createContext<((id: string) => void) | null>(null)

interface LinkProps {
  /** The case's id; null when only its number is known (shown as text). */
  id: string | null
  children: ReactNode
  testId?: string
}

/** A case number that opens its case. */
export function CaseLink({ id, children, testId }: LinkProps) {
  const open = useContext(OpenCaseContext)
  if (!id || !open) return <span data-testid={testId}>{children}</span>
  return (
    <Typography.Link
      onClick={(e) => {
        e.preventDefault()
        open(id)
      }}
      data-testid={testId}
      data-case-id={id}
    >
      {children}
    </Typography.Link>
  )
}
