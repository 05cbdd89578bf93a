/**
 * Money as receipts print it: the amount in figures (`360.00`) and in Chinese capitals 大写金额
 * (`人民币叁佰陆拾元整`), the way banks and the 收讫证明 write it so that it cannot be altered.
 */

const DIGITS = '零壹贰叁肆伍陆柒捌玖'
/** Units inside a group of four digits, from the left. */
const SMALL_UNITS = ['仟', '佰', '拾', '']
/** Units of the groups, from the right: 元, 万, 亿, 万亿. */
const GROUP_UNITS = ['', '万', '亿', '万亿']
const MAX_FEN = 10 ** 16 - 1

/** An amount in yuan as whole fen (cents); throws on a negative, non-finite or sub-fen amount. */
export function toFen(yuan: number): number {
  const fen = Math.round(yuan * 100)
  if (!Number.isFinite(yuan) || yuan < 0 || Math.abs(fen - yuan * 100) > 1e-6 || fen > MAX_FEN) throw new Error(`invalid amount ${yuan}`)
  return fen
}

/** `360` → `360.00`. */
export function yuanFigures(yuan: number): string {
  const fen = toFen(yuan)
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

/** One group of four digits (0–9999) in capitals, zeros inside read once as 零; empty for 0. */
function group(n: number): string {
  const digits = String(n).padStart(4, '0')
  let out = ''
  let zero = false
  for (let i = 0; i < 4; i++) {
    const d = Number(digits[i])
    if (d === 0) {
      zero = out !== ''
      continue
    }
    if (zero) out += '零'
    zero = false
    out += DIGITS[d] + SMALL_UNITS[i]
  }
  return out
}

/** The whole yuan in capitals, `元` not included; 零 for 0. */
function integerPart(n: number): string {
  if (n === 0) return '零'
  const groups: number[] = []
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10000)) groups.push(rest % 10000)
  let out = ''
  let pendingZero = false
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]
    if (g === 0) {
      pendingZero = out !== ''
      continue
    }
    // A zero between groups (10 0500 → 拾万零伍佰), or a group that does not fill its thousands.
    if (out !== '' && (pendingZero || g < 1000)) out += '零'
    pendingZero = false
    out += group(g) + GROUP_UNITS[i]
  }
  return out
}

/**
 * The amount in Chinese capitals: `360` → `人民币叁佰陆拾元整`, `1005.5` → `人民币壹仟零伍元伍角`,
 * `0.08` → `人民币捌分`, `100.05` → `人民币壹佰元零伍分`.
 */
export function chineseAmount(yuan: number): string {
  const fen = toFen(yuan)
  const whole = Math.floor(fen / 100)
  const jiao = Math.floor(fen / 10) % 10
  const cents = fen % 10
  if (fen === 0) return '人民币零元整'
  let out = whole > 0 ? `${integerPart(whole)}元` : ''
  if (jiao === 0 && cents === 0) return `人民币${out}整`
  if (jiao > 0) out += `${DIGITS[jiao]}角`
  else if (whole > 0) out += '零'
  if (cents > 0) out += `${DIGITS[cents]}分`
  return `人民币${out}`
}
