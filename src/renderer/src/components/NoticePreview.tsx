import { Typography } from 'antd'

/** What the applicant is told after the action (the definition's notice, as `noticeText` fills it); nothing when empty. */
export default function NoticePreview({ text }: { text: string | null | undefined }) {
  if (!text) return null
  return (
    <>
      <Typography.Text strong>告知申请人（预览）</Typography.Text>
      <div className="notice-preview" data-testid="notice-preview">
        {text}
      </div>
    </>
  )
}
