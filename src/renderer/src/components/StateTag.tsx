import { Tag } from 'antd'
import { stateOf } from '../lib/labels'

export default function StateTag({ type, state, testId }: { type: string; state: string; testId?: string }) {
  const s = stateOf(type, state)
  return (
    <Tag color={s.color} data-testid={testId} data-state={state}>
      {s.label}
    </Tag>
  )
}
