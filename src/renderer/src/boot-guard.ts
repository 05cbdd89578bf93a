/**
 * The net below React: an error while the desk's modules load (before any error boundary exists) or one that
 * leaves the window empty shows a plain Chinese notice with the detail to copy, never a white window.
 * Imported first by main.tsx; plain DOM, no React, no antd.
 */
function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}\n${e.stack ?? ''}`
  return String(e)
}

function showNotice(root: HTMLElement, detail: string): void {
  if (root.childElementCount > 0) return
  const box = document.createElement('div')
  box.className = 'boot-error'
  box.setAttribute('data-testid', 'boot-error')
  box.setAttribute('role', 'alert')
  const title = document.createElement('h2')
  title.textContent = '业务办理台无法启动'
  const hint = document.createElement('p')
  hint.textContent = '请重新打开程序；若仍如此，请复制以下详情交系统管理员处理。'
  const pre = document.createElement('pre')
  pre.textContent = detail
  const copy = document.createElement('button')
  copy.type = 'button'
  copy.textContent = '复制详情'
  copy.addEventListener('click', () => void navigator.clipboard?.writeText(detail))
  const reload = document.createElement('button')
  reload.type = 'button'
  reload.textContent = '重新加载'
  reload.addEventListener('click', () => window.location.reload())
  box.append(title, hint, copy, reload, pre)
  root.append(box)
}

const root = document.getElementById('root')
if (root) {
  const check = (e: unknown) => setTimeout(() => showNotice(root, errorText(e)), 0)
  window.addEventListener('error', (ev) => check(ev.error ?? ev.message))
  window.addEventListener('unhandledrejection', (ev) => check(ev.reason))
}
