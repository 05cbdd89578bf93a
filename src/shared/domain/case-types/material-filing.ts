import { z } from 'zod'
import { safeLine, safeText } from '../../api/wire-safe'
import type { CaseTypeDef } from '../case-type'
import { isIsoDate } from '../calendar'
import { archiveCheck } from '../certificate-rules'
import { applicantActions, applicationStates, notAccepted, returnForChanges } from './common'

/**
 * 档案材料的收集、鉴别和归档 — DOMAIN.md flow 4 (seed 002): the applicant declares the materials (e.g.
 * 思想汇报, 入党志愿书) for an archive in storage; the clerk identifies them and files them into the archive,
 * issuing the 档案材料签收回执单, or returns them (鉴别不合格).
 */
export type MaterialFilingState = 'submitted' | 'returned' | 'not_accepted' | 'cancelled' | 'filed'
export type MaterialFilingAction = 'file_materials' | 'return_for_changes' | 'not_accepted' | 'resubmit' | 'cancel'

/** One material: its name, its pages (all copies together) and copies. */
export const materialItem = z.object({
  name: safeLine(40, 1, '请填写材料名称'),
  pages: z.number('页数应为数字').int('页数应为整数').min(1, '页数至少为 1').max(999, '页数不超过 999'),
  copies: z.number('份数应为数字').int('份数应为整数').min(1, '份数至少为 1').max(99, '份数不超过 99')
}).strict()
export type MaterialItem = z.infer<typeof materialItem>

const materialList = z.array(materialItem).min(1, '请至少填写一份材料').max(50, '一次最多 50 项材料')

/** The applicant's declaration. */
export const materialFilingForm = z
  .object({ materials: z.array(materialItem, '请填写报送的材料').min(1, '请至少填写一份材料').max(50, '一次最多 50 项材料'), remarks: safeText(200, 0).optional() })
  .strict()
export type MaterialFilingForm = z.infer<typeof materialFilingForm>

/** 鉴别归档: what was received and filed (printed on the 回执单). */
export const fileMaterialsInput = z.object({
  materials: materialList,
  receivedOn: z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD'),
  remarks: z.string().trim().max(200).default('')
})
export type FileMaterialsInput = z.infer<typeof fileMaterialsInput>

/** 共 N 项 C 份 P 页 (an item's `pages` are all its pages, over every copy: seed 002's 思想汇报 6 份 6 页). */
export function materialTotals(list: readonly { pages: number; copies: number }[]): { items: number; pages: number; copies: number } {
  const t = { items: 0, pages: 0, copies: 0 }
  for (const m of list) {
    t.items++
    t.pages += m.pages
    t.copies += m.copies
  }
  return t
}

export const materialFiling: CaseTypeDef<MaterialFilingState, MaterialFilingAction> = {
  type: 'material_filing',
  label: '档案材料归档',
  subtypes: { standard: '档案材料收集归档' },
  initialState: 'submitted',
  states: {
    ...applicationStates('鉴别归档', '鉴别不合格'),
    filed: { label: '已归档', color: 'green', open: false, final: true }
  },
  actions: {
    file_materials: {
      label: '鉴别归档',
      from: ['submitted'],
      to: 'filed',
      roles: ['clerk', 'supervisor'],
      requiresClaim: true,
      input: fileMaterialsInput,
      form: 'file_materials',
      clockStartField: 'receivedOn',
      issues: 'material_receipt',
      archiveEffect: 'materials_filed',
      notice: ((i: FileMaterialsInput) => {
        const t = materialTotals(i.materials)
        return `您报送的档案材料（${i.materials.map((m) => m.name).join('、')}，共 ${t.copies} 份 ${t.pages} 页）已鉴别并归入您的档案，请下载档案材料签收回执单。`
      }) as (input: never) => string,
      primary: true
    },
    return_for_changes: returnForChanges('', {
      label: '鉴别不合格退回',
      notice: '您报送的档案材料经鉴别不符合归档要求，请按以下意见一次性处理后重新提交：{reasons}'
    }),
    not_accepted: notAccepted('档案材料归档申请'),
    ...applicantActions<MaterialFilingState>({ resubmit: ['returned'], cancel: ['submitted', 'returned'], to: 'submitted', cancelled: 'cancelled' })
  },
  materials: [
    { code: 'material_scan', label: '材料扫描件', required: false, accept: ['application/pdf', 'image/jpeg'] },
    { code: 'supplementary', label: '补充材料', required: false, accept: ['application/pdf', 'image/jpeg'] }
  ],
  sections: { applicant: '申请人信息', materials: '报送材料', general: '原因' },
  reasonChecklist: {
    materials: [
      '材料未盖章',
      '非原件',
      '材料内容填写不完整',
      '材料上的姓名或身份证号与本人不一致',
      '材料不属于归档范围',
      '字迹不清晰或有涂改',
      '报送的页数、份数与实际不符'
    ],
    material_scan: ['扫描件不清晰', '扫描件与报送材料不一致']
  },
  supplementChecklist: {},
  rules: { check: (f) => [archiveCheck(f.archive, '办理档案材料归档')], at: ['file_materials'] },
  formSchema: () => materialFilingForm
}
