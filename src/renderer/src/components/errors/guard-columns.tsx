import type { ColumnsType } from 'antd/es/table'
import type { ReactNode } from 'react'
import ErrorBoundary from './ErrorBoundary'

/** Calls the column's render inside the boundary, so a render that throws is caught there too. */
function Cell({ render }: { render(): ReactNode }) {
  return render()
}

const titleOf = (title: unknown): string => (typeof title === 'string' ? title : '单元格')

/**
 * A table's columns with each cell in an error boundary: a row whose record the UI cannot show gets a red
 * 无法显示 in the cells that broke (the case number in its tooltip); the other rows and cells render.
 */
export function guardColumns<T>(columns: ColumnsType<T>, caseNumberOf: (row: T) => string | null | undefined): ColumnsType<T> {
  return columns.map((col) => {
    const render = col.render
    const dataIndex = 'dataIndex' in col ? col.dataIndex : undefined
    return {
      ...col,
      render: (value: unknown, row: T, index: number) => {
        let caseNumber: string | null = null
        try {
          const n = caseNumberOf(row)
          caseNumber = typeof n === 'string' ? n : null
        } catch {
          caseNumber = null
        }
        return (
          <ErrorBoundary level="cell" what={titleOf(col.title)} caseNumber={caseNumber} resetKey={row}>
            <Cell render={() => (render ? (render(value, row, index) as ReactNode) : dataIndex === undefined ? null : (value as ReactNode))} />
          </ErrorBoundary>
        )
      }
    }
  }) as ColumnsType<T>
}
