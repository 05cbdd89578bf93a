import { Component, type ErrorInfo, type ReactNode } from 'react'
import { Tooltip, Typography } from 'antd'
import { errorDetail, errorLine } from './error-detail'
import ErrorCard from './ErrorCard'

interface Props {
  /** page: a whole page (route); panel: one card of a page; cell: one cell of a table row. */
  level: 'page' | 'panel' | 'cell'
  /** What is inside, in Chinese (页面, 申请表, 材料, 办理记录…). */
  what: string
  caseNumber?: string | null
  /** A new value clears the error (navigation, another case, fresh data). */
  resetKey?: unknown
  onBack?(): void
  children?: ReactNode
}

interface State {
  error: unknown
  failed: boolean
  componentStack: string | null
}

/**
 * Renders its children in a component of their own, so that what they return (an object where text belongs)
 * is checked below the boundary, not in it (a boundary never catches its own errors).
 */
function Rendered({ children }: { children?: ReactNode }) {
  return children
}

/**
 * The renderer's one error boundary: what throws inside becomes an error card (or, in a table cell, a red
 * 无法显示) naming the case; the rest of the page, the queue and the top bar go on. Reset by `resetKey` or 重试.
 */
export default class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null, failed: false, componentStack: null }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error, failed: true }
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? null })
    console.error(`[${this.props.what}${this.props.caseNumber ? ' ' + this.props.caseNumber : ''}] ${errorLine(error)}`)
  }

  componentDidUpdate(prev: Props): void {
    if (this.state.failed && !Object.is(prev.resetKey, this.props.resetKey)) this.reset()
  }

  reset = (): void => this.setState({ error: null, failed: false, componentStack: null })

  render(): ReactNode {
    const { level, what, caseNumber, onBack, children } = this.props
    if (!this.state.failed) return <Rendered>{children}</Rendered>
    const summary = errorLine(this.state.error)
    if (level === 'cell') {
      return (
        <Tooltip title={`${caseNumber ? caseNumber + ' ' : ''}${what}无法显示：${summary}`}>
          <Typography.Text type="danger" data-testid="error-cell">
            无法显示
          </Typography.Text>
        </Tooltip>
      )
    }
    const detail = errorDetail({ what, caseNumber, error: this.state.error, componentStack: this.state.componentStack })
    return <ErrorCard level={level} what={what} caseNumber={caseNumber} summary={summary} detail={detail} onRetry={this.reset} onBack={onBack} />
  }
}
