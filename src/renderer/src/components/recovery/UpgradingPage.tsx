import { Result, Spin, Typography } from 'antd'
import { useEffect, useState } from 'react'
import type { RecoveryStatus } from '../../../../shared/api/recovery-channels'
import './recovery.css'

/**
 * 正在升级: after an update the desk's store is upgraded (its migrations, in a worker thread: core/store/upgrade.ts);
 * on a national office's store that takes a minute or two. The window says so, with a spinner and the time waited,
 * instead of a blank page; the recovery gate moves on to the desk when the upgrade is done.
 */
export default function UpgradingPage({ status }: { status: RecoveryStatus }) {
  const [since] = useState(() => Date.now())
  const [seconds, setSeconds] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - since) / 1000)), 1000)
    return () => clearInterval(timer)
  }, [since])
  return (
    <div className="recovery-page upgrading-page" data-testid="upgrading-page">
      <Result
        icon={<Spin size="large" />}
        title="正在升级本机案件库"
        subTitle={status.message || '正在升级本机案件库，请稍候…'}
        extra={
          <Typography.Paragraph type="secondary">
            本程序已更新，本机案件库随之升级；案件较多时约需一两分钟，请勿关闭本程序。升级完成后将自动进入。
            {seconds >= 3 ? `（已等待 ${seconds} 秒）` : ''}
          </Typography.Paragraph>
        }
      />
    </div>
  )
}
