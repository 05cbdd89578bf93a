import type { FileContent } from '../../../shared/api/types'

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  return bytes
}

export function toBlob(file: FileContent): Blob {
  return new Blob([base64ToBytes(file.base64)], { type: file.mime })
}

/** Saves the file through the browser's download (a blob URL and an <a download>). */
export function downloadFile(file: FileContent): void {
  const url = URL.createObjectURL(toBlob(file))
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Prints a PDF (pages drawn by pdf.js, loaded on first use); `onError` if it cannot. */
export function printFile(file: FileContent, onError: () => void): void {
  import('./pdf')
    .then((m) => m.printPdf(base64ToBytes(file.base64)))
    .catch(onError)
}

/** A picked file's bytes as base64 (what the contract carries for uploads: a P12, a CSV register). */
export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(file)
  })
}
