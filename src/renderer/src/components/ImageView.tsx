import { useEffect, useState } from 'react'

interface Props {
  url: string
  alt: string
  zoom: number
  rotation: number
  width: number
}

/** An image (JPG) fitted to the width, then zoomed and rotated; the box follows the rotated size. */
export default function ImageView({ url, alt, zoom, rotation, width }: Props) {
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null)
  useEffect(() => {
    const img = new Image()
    img.onload = () => setNatural({ w: img.naturalWidth, h: img.naturalHeight })
    img.src = url
  }, [url])

  if (!natural) return null
  const sideways = rotation % 180 !== 0
  // Width of the rotated picture's bounding box = the stage width × zoom.
  const boxW = width * zoom
  const scale = boxW / (sideways ? natural.h : natural.w)
  const imgW = natural.w * scale
  const imgH = natural.h * scale
  const boxH = sideways ? imgW : imgH
  return (
    <div className="page" style={{ width: boxW, height: boxH, position: 'relative', overflow: 'hidden' }}>
      <img
        src={url}
        alt={alt}
        data-testid="image-view"
        draggable={false}
        style={{
          position: 'absolute',
          left: (boxW - imgW) / 2,
          top: (boxH - imgH) / 2,
          width: imgW,
          height: imgH,
          transform: `rotate(${rotation}deg)`
        }}
      />
    </div>
  )
}
