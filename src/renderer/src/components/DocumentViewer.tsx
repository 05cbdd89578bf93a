import {
  ColumnWidthOutlined,
  LeftOutlined,
  RightOutlined,
  RotateRightOutlined,
  ZoomInOutlined,
  ZoomOutOutlined
} from '@ant-design/icons'
import { Alert, Button, Space, Spin, Tooltip } from 'antd'
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react'
import type { FileContent } from '../../../shared/api/types'
import type { Result } from '../../../shared/result'
import { useHotkeys } from '../hooks/useHotkeys'
import type { DocRef } from '../hooks/useFiles'
import { base64ToBytes } from '../lib/files'
import ImageView from './ImageView'

const PdfView = lazy(() => import('./PdfView'))

const ZOOM_STEP = 1.25
const ZOOM_MIN = 0.25
const ZOOM_MAX = 5
const STAGE_PADDING = 24

interface Props {
  current: DocRef | null
  title: string
  load(ref: DocRef): Promise<Result<FileContent>>
}

/** The viewer: toolbar and stage for the chosen attachment or issued document. */
export default function DocumentViewer({ current, title, load }: Props) {
  if (!current) {
    return (
      <div className="viewer-stage">
        <div className="viewer-empty">此业务没有可查看的材料</div>
      </div>
    )
  }
  return <DocumentPane key={`${current.kind}:${current.id}`} current={current} title={title} load={load} />
}

function DocumentPane({ current, title, load }: Props & { current: DocRef }) {
  const [file, setFile] = useState<Result<FileContent> | null>(null)
  const [page, setPage] = useState(1)
  const [numPages, setNumPages] = useState(0)
  const [zoom, setZoom] = useState(1)
  const [rotation, setRotation] = useState(0)
  const [width, setWidth] = useState(0)
  const [renderError, setRenderError] = useState<string | null>(null)
  const stageRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    let live = true
    void load(current).then((r) => live && setFile(r))
    return () => {
      live = false
    }
  }, [current, load])

  useEffect(() => {
    const el = stageRef.current
    if (!el) return
    const ro = new ResizeObserver(() => setWidth(Math.max(0, el.clientWidth - STAGE_PADDING - 2)))
    ro.observe(el)
    return () => ro.disconnect()
  }, [])

  const content = file?.ok ? file.value : null
  const isPdf = content?.mime === 'application/pdf'
  const bytes = useMemo(() => (content && isPdf ? base64ToBytes(content.base64) : null), [content, isPdf])
  const imageUrl = content && !isPdf ? `data:${content.mime};base64,${content.base64}` : null

  const zoomBy = (f: number) => setZoom((z) => Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, Math.round(z * f * 100) / 100)))
  const rotate = () => setRotation((r) => (r + 90) % 360)
  const goPage = (d: number) => setPage((p) => Math.min(Math.max(1, p + d), Math.max(1, numPages)))

  useHotkeys({
    arrowright: () => goPage(1),
    arrowleft: () => goPage(-1),
    '+': () => zoomBy(ZOOM_STEP),
    '=': () => zoomBy(ZOOM_STEP),
    '-': () => zoomBy(1 / ZOOM_STEP),
    '0': () => setZoom(1),
    r: rotate
  })

  return (
    <>
      <div className="viewer-toolbar" data-testid="viewer-toolbar">
        <span className="doc-title" title={content?.fileName ?? title} data-testid="viewer-title">
          {title}
        </span>
        {isPdf && (
          <Space.Compact>
            <Tooltip title="上一页（←）">
              <Button size="small" icon={<LeftOutlined />} disabled={page <= 1} onClick={() => goPage(-1)} data-testid="pdf-prev-page">
                上一页
              </Button>
            </Tooltip>
            <Button size="small" disabled style={{ color: 'rgba(0,0,0,0.88)', minWidth: 64 }}>
              <span data-testid="pdf-page-info">{numPages ? `${page} / ${numPages}` : '…'}</span>
            </Button>
            <Tooltip title="下一页（→）">
              <Button size="small" disabled={page >= numPages} onClick={() => goPage(1)} data-testid="pdf-next-page">
                下一页 <RightOutlined />
              </Button>
            </Tooltip>
          </Space.Compact>
        )}
        <Space.Compact>
          <Tooltip title="缩小（-）">
            <Button size="small" icon={<ZoomOutOutlined />} onClick={() => zoomBy(1 / ZOOM_STEP)} disabled={zoom <= ZOOM_MIN} data-testid="doc-zoom-out" />
          </Tooltip>
          <Button size="small" disabled style={{ color: 'rgba(0,0,0,0.88)', minWidth: 56 }}>
            <span data-testid="doc-zoom-level">{Math.round(zoom * 100)}%</span>
          </Button>
          <Tooltip title="放大（+）">
            <Button size="small" icon={<ZoomInOutlined />} onClick={() => zoomBy(ZOOM_STEP)} disabled={zoom >= ZOOM_MAX} data-testid="doc-zoom-in" />
          </Tooltip>
        </Space.Compact>
        <Tooltip title="适合宽度（0）">
          <Button size="small" icon={<ColumnWidthOutlined />} onClick={() => setZoom(1)} data-testid="doc-fit-width">
            适合宽度
          </Button>
        </Tooltip>
        <Tooltip title="顺时针旋转 90°（R）">
          <Button size="small" icon={<RotateRightOutlined />} onClick={rotate} data-testid="doc-rotate">
            旋转
          </Button>
        </Tooltip>
      </div>
      <div className="viewer-stage" ref={stageRef} data-testid="viewer-stage" data-rotation={rotation} data-zoom={zoom}>
        {!file && (
          <div className="viewer-empty">
            <Spin />
          </div>
        )}
        {file && !file.ok && <Alert type="error" showIcon title={file.error.message} data-testid="viewer-error" />}
        {renderError && <Alert type="error" showIcon title={renderError} data-testid="viewer-error" />}
        {bytes && !renderError && (
          <Suspense fallback={<Spin />}>
            <PdfView bytes={bytes} page={page} zoom={zoom} rotation={rotation} width={width} onLoaded={setNumPages} onError={setRenderError} />
          </Suspense>
        )}
        {imageUrl && <ImageView url={imageUrl} alt={title} zoom={zoom} rotation={rotation} width={width} />}
      </div>
    </>
  )
}
