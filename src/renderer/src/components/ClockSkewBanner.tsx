import { Alert } from 'antd'
import type { DeskClockStatus } from '../../../shared/api/types'
import { clockSkewText } from '../../../shared/domain/service-time'

interface Props {
  /** `sync.status().clock`: this desk's clock against the exchange service's (null: never measured). */
  clock: DeskClockStatus | null | undefined
}

/**
 * Shown across the desk while its clock is more than 5 minutes off the exchange service's: letters are
 * refused (CLOCK_SKEW) until the system time is set right; the next answer from the service clears it.
 */
export default function ClockSkewBanner({ clock }: Props) {
  if (!clock?.skewed) return null
  const minutes = Math.round(clock.maxSkewMs / 60_000)
  return (
    <Alert
      type="error"
      banner
      showIcon
      data-testid="clock-skew-banner"
      title={`${clockSkewText(clock.offsetMs)}，请校准系统时间；校准前不能出具文书`}
      description={`文书的出具、签章、作废时间和编号年份以交换服务的时间为准。本机时钟与交换服务相差超过 ${minutes} 分钟时，不能出具、签章或作废文书；校准后下一次同步即恢复。`}
    />
  )
}
