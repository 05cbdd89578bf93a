import { Alert, Button } from 'antd'
import type { CaseDetail } from '../../../shared/api/types'
import { stateOf } from '../lib/labels'

interface Props {
  /** The case as it is now (`useCase().stale`). */
  latest: CaseDetail
  onReload(): void
}

/**
 * Shown in an open action form when the case changed underneath it: what it is now, that the submit is
 * held, and the way on. The form's input stays as typed.
 */
export default function StaleAlert({ latest, onReload }: Props) {
  const state = stateOf(latest.type, latest.state).label
  const holder = latest.assignee ? `承办人 ${latest.assignee.name}` : '未认领'
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="case-stale-alert"
      title="此业务已被他人更新，提交已暂停"
      description={`现为“${state}”，${holder}。您填写的内容仍保留在此，可先复制留存；请载入最新状态，核对后再办理。`}
      action={
        <Button size="small" type="primary" onClick={onReload} data-testid="case-stale-reload">
          载入最新状态
        </Button>
      }
    />
  )
}
