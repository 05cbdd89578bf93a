import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist'
import { useEffect, useRef, useState } from 'react'
import { openPdf } from '../lib/pdf'

interface Props {
  bytes: Uint8Array
  /** 1-based page number. */
  page: number
  /** 1 = fit the stage's width. */
  zoom: number
  /** Extra clockwise rotation in degrees (0, 90, 180, 270). */
  rotation: number
  /** Width available for the page, in CSS pixels. */
  width: number
  onLoaded(numPages: number): void
  onError(message: string): void
}

/** One PDF page on a canvas (pdf.js), fitted to the width and then zoomed and rotated. */
export default function PdfView({ bytes, page, zoom, rotation, width, onLoaded, onError }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null)
  const callbacks = useRef({ onLoaded, onError })
  useEffect(() => {
    callbacks.current = { onLoaded, onError }
  })

  useEffect(() => {
    const task = openPdf(bytes)
    let live = true
    task.promise.then(
      (d) => {
        if (!live) return
        setDoc(d)
        callbacks.current.onLoaded(d.numPages)
      },
      () => live && callbacks.current.onError('文件无法打开，可能已损坏或不是有效的 PDF')
    )
    return () => {
      live = false
      void task.destroy()
    }
  }, [bytes])

  useEffect(() => {
    const canvas = canvasRef.current
    if (!doc || !canvas || width <= 0) return
    let task: RenderTask | null = null
    let live = true
    void doc.getPage(Math.min(Math.max(1, page), doc.numPages)).then((p) => {
      if (!live) return
      const angle = (p.rotate + rotation) % 360
      const fit = width / p.getViewport({ scale: 1, rotation: angle }).width
      const viewport = p.getViewport({ scale: fit * zoom, rotation: angle })
      const dpr = window.devicePixelRatio || 1
      canvas.width = Math.floor(viewport.width * dpr)
      canvas.height = Math.floor(viewport.height * dpr)
      canvas.style.width = `${Math.floor(viewport.width)}px`
      canvas.style.height = `${Math.floor(viewport.height)}px`
      task = p.render({ canvas, viewport, transform: dpr === 1 ? undefined : [dpr, 0, 0, dpr, 0, 0] })
      task.promise.then(
        () => live && canvas.setAttribute('data-rendered-page', String(p.pageNumber)),
        () => undefined
      )
    })
    return () => {
      live = false
      task?.cancel()
    }
  }, [doc, page, zoom, rotation, width])

  return <canvas ref={canvasRef} className="page" data-testid="pdf-canvas" style={{ display: 'block' }} />
}
