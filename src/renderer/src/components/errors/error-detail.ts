/**
 * The text a clerk copies off an error card (复制详情) for the administrator: where it broke, which case,
 * the error and React's component stack. Plain text, one fact a line.
 */
export interface ErrorFacts {
  /** What could not be shown, in Chinese (页面, 申请表, 材料…). */
  what: string
  caseNumber?: string | null
  error: unknown
  componentStack?: string | null
  at?: Date
}

/** An error's name and message, whatever was thrown (a string, an object, null). */
export function errorLine(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  if (typeof error === 'string') return error
  try {
    return `非错误对象：${JSON.stringify(error)}`
  } catch {
    return `非错误对象：${String(error)}`
  }
}

export function errorDetail(f: ErrorFacts): string {
  const lines = [`无法显示：${f.what}`]
  if (f.caseNumber) lines.push(`业务编号：${f.caseNumber}`)
  lines.push(`时间：${(f.at ?? new Date()).toISOString()}`)
  lines.push(`错误：${errorLine(f.error)}`)
  const stack = f.componentStack?.trim()
  if (stack) lines.push('组件位置：', ...stack.split('\n').map((l) => '  ' + l.trim()))
  if (f.error instanceof Error && f.error.stack) lines.push('调用栈：', ...f.error.stack.split('\n').slice(1, 11).map((l) => '  ' + l.trim()))
  return lines.join('\n')
}

/** A stored value described for the detail (its type and the start of its JSON), never throwing. */
export function describeValue(v: unknown, max = 200): string {
  const kind = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v
  let json: string
  try {
    json = JSON.stringify(v) ?? String(v)
  } catch {
    json = String(v)
  }
  return `${kind} ${json.length > max ? json.slice(0, max) + '…' : json}`
}

/** Copies text to the clipboard: the async Clipboard API, else a hidden textarea and `copy`. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.appendChild(area)
    area.select()
    try {
      return document.execCommand('copy')
    } finally {
      area.remove()
    }
  }
}
