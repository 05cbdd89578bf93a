import type { IsoDate } from '../../src/shared/domain/calendar'
import type { TransferOutForm } from '../../src/shared/domain/case-types/archive-transfer-out'
import type { MaterialItem } from '../../src/shared/domain/case-types/material-filing'
import { materialList } from './archive-holders'
import { CERTIFICATE_PROBLEMS } from './pools'
import { CLOCK_AGE } from './scenarios'
import { type Story, type StoryContext, submissionDay } from './story'

/** The archive office's other case types: how demo cases spread over their states, and the paths to them. */
export type ArchiveCaseType = 'archive_transfer_out' | 'archive_intake' | 'material_filing' | 'certificate_request'

type Weights = readonly (readonly [string, number])[]

/** Most in the work queues, every state present. Keep in step with the definitions' states. */
export const ARCHIVE_STATE_WEIGHTS: Record<ArchiveCaseType, Weights> = {
  archive_transfer_out: [['submitted', 32], ['awaiting_dispatch', 18], ['transferred_out', 30], ['returned', 8], ['not_accepted', 4], ['cancelled', 8]],
  archive_intake: [['submitted', 28], ['awaiting_archive', 24], ['archive_review', 12], ['supplements_needed', 4], ['deposited', 18], ['returned', 7], ['not_accepted', 3], ['cancelled', 4]],
  material_filing: [['submitted', 42], ['filed', 38], ['returned', 12], ['not_accepted', 2], ['cancelled', 6]],
  certificate_request: [['pending', 38], ['approved', 42], ['rejected', 14], ['cancelled', 6]]
}

const NOT_ACCEPTED: Record<ArchiveCaseType, readonly string[]> = {
  archive_transfer_out: ['调档函不是接收单位出具的，且已超过有效期，请重新开具后再申请', '接收单位不具备人事档案管理权限，请提供具有档案管理权限单位的调档函'],
  archive_intake: ['户籍地和现工作单位所在地均不在本保管单位服务范围', '档案在个人手中，不予接收，请先转至人才服务机构'],
  material_filing: ['报送的材料不属于人事档案归档范围'],
  certificate_request: []
}

export interface ArchiveStory {
  form: Record<string, unknown>
  /** A unit archive (its certificate requests carry the employer's letter, which can be what fails). */
  unit?: boolean
  nextArchiveNumber(on: IsoDate): string
}

/** Plays a path through the type's state machine that ends in `target` (days as in scenarios.ts). */
export function playArchiveScenario(type: ArchiveCaseType, target: string, story: Story, ctx: StoryContext, c: ArchiveStory): void {
  const { rng } = ctx
  const W = (k: number): IsoDate => ctx.workdaysBack[k]
  const after = (k: number, maxGap = 4): number => (k === 0 ? 0 : k - rng.int(1, Math.min(k, maxGap)))
  const refusal = (): string => rng.pick(c.unit ? CERTIFICATE_PROBLEMS : CERTIFICATE_PROBLEMS.filter((p) => !p.includes('介绍信')))
  /** Submitted `k` working days ago, sometimes after an earlier round sent back (returned, or 审核未通过). */
  const submission = (k: number, backBefore: number): void => {
    if (rng.chance(backBefore)) {
      const first = k + rng.int(3, 6)
      story.submit(submissionDay(ctx, first))
      if (type === 'certificate_request') story.reject(W(first - rng.int(1, 2)), refusal())
      else story.returnForChanges(W(first - rng.int(1, 2)))
    }
    story.submit(submissionDay(ctx, k))
  }

  // States every type shares.
  switch (target) {
    case 'submitted':
    case 'pending': {
      const k = rng.weighted(CLOCK_AGE)
      submission(k, 0.12)
      if (rng.chance(0.3)) story.claim(W(after(k, k + 1)))
      return
    }
    case 'returned': {
      const k = rng.int(1, 10)
      submission(k, 0.05)
      story.returnForChanges(W(after(k, 3)))
      return
    }
    case 'rejected': {
      const k = rng.int(1, 10)
      submission(k, 0.05)
      story.reject(W(after(k, 3)), refusal())
      return
    }
    case 'not_accepted': {
      const k = rng.int(1, 14)
      submission(k, 0)
      story.notAccepted(W(after(k)), rng.pick(NOT_ACCEPTED[type]))
      return
    }
    case 'cancelled': {
      const k = rng.int(0, 14)
      submission(k, 0)
      story.cancel(W(after(k, 3)))
      return
    }
  }

  const z = rng.int(0, 12)
  switch (target) {
    case 'approved':
      submission(z + rng.int(1, 4), 0.08)
      story.approve(W(z))
      return
    case 'awaiting_dispatch':
    case 'transferred_out': {
      const sent = target === 'transferred_out' ? z : -1
      const approvedOn = target === 'transferred_out' ? z + rng.int(1, 3) : rng.weighted(CLOCK_AGE.slice(0, 8))
      submission(approvedOn + rng.int(1, 4), 0.06)
      story.approve(W(approvedOn))
      if (sent >= 0) {
        const ems = rng.chance(0.25)
        const sentOn = W(sent)
        const trackingNumber = ems ? `E${rng.pick(['A', 'B', 'M'])}${rng.digits(9)}CN` : `JY${sentOn.replaceAll('-', '')}${rng.digits(4)}`
        const data = { sentOn, channel: ems ? 'ems' : 'confidential', trackingNumber, receivingAgency: (c.form as TransferOutForm).receivingAgency }
        story.act(sentOn, 'dispatch', { data })
      }
      return
    }
    case 'filed': {
      const received = rng.chance(0.3) ? z + 1 : z
      submission(z + rng.int(1, 5), 0.1)
      const declared = (c.form.materials ?? []) as MaterialItem[]
      // Now and then a count differs from the declaration, or something extra is brought along.
      const materials = rng.chance(0.15) ? [...declared, ...materialList(rng).slice(0, 1)].filter((m, i, a) => a.findIndex((x) => x.name === m.name) === i) : declared
      story.act(W(z), 'file_materials', { data: { materials, receivedOn: W(received), remarks: rng.chance(0.2) ? '复印件已核对原件' : '' } })
      return
    }
  }

  // 档案接收 after approval: waiting for the archive, signed in, reviewed, deposited.
  const holder = String(c.form.currentHolder ?? '')
  const signIn = (day: number): void => {
    const tracking = rng.chance(0.6) ? `JY${W(day).replaceAll('-', '')}${rng.digits(4)}` : `E${rng.pick(['A', 'B', 'M'])}${rng.digits(9)}CN`
    story.act(W(day), 'archive_sign_in', { data: { receivedOn: W(day), sender: holder, trackingNumber: tracking, stubPresent: true } })
  }
  switch (target) {
    case 'awaiting_archive': {
      const k = rng.int(1, 14)
      submission(k, 0.06)
      story.approve(W(after(k)))
      return
    }
    case 'archive_review':
    case 'supplements_needed':
    case 'deposited': {
      const end = target === 'archive_review' ? rng.weighted(CLOCK_AGE.slice(0, 8)) : z
      const s = end + rng.int(1, 4)
      const a = s + rng.int(2, 6)
      submission(a + rng.int(1, 3), 0.06)
      story.approve(W(a))
      if (target === 'archive_review') return signIn(end)
      signIn(s)
      if (target === 'supplements_needed') return story.requestSupplements(W(end))
      story.deposit(W(z), c.nextArchiveNumber(W(z)))
      return
    }
  }
  throw new Error(`no demo path to ${type} ${target}`)
}
