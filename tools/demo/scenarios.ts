import type { IsoDate } from '../../src/shared/domain/calendar'
import type { ArchiveDepositState } from '../../src/shared/domain/case-types/archive-deposit'
import { type Story, type StoryContext, submissionDay } from './story'

/**
 * How demo cases are spread over the states: most in the work queues (submitted, awaiting the
 * archive, archive review), every other state present. Keep in step with the definition's states.
 */
export const STATE_WEIGHTS: readonly (readonly [ArchiveDepositState, number])[] = [
  ['submitted', 28],
  ['awaiting_archive', 20],
  ['archive_review', 14],
  ['supplements_needed', 5],
  ['returned', 7],
  ['not_accepted', 3],
  ['cancelled', 4],
  ['deposited', 19]
]

/** Working days left on the clock: mostly within the deadline, some due today, a few overdue. */
export const CLOCK_AGE: readonly (readonly [number, number])[] = [
  [0, 12], [1, 12], [2, 12], [3, 11], [4, 10], [5, 9], [6, 6], [7, 4], [8, 3], [9, 2]
]

/**
 * Plays a path through the state machine that ends in `target`. Days are indices into
 * `ctx.workdaysBack` (0 = the latest working day, larger = earlier); every step is on or after the
 * one before it, and staff act on working days after the applicant's submission.
 */
export function playScenario(story: Story, ctx: StoryContext, target: ArchiveDepositState, nextArchiveNumber: (on: IsoDate) => string): void {
  const { rng } = ctx
  const W = (k: number): IsoDate => ctx.workdaysBack[k]
  /** A staff day after a submission `k` working days ago. */
  const after = (k: number, maxGap = 4): number => (k === 0 ? 0 : k - rng.int(1, Math.min(k, maxGap)))
  /** Submission (sometimes after an earlier round returned for changes) so the case is `submitted` as of day `k`. */
  const submission = (k: number, returnedBefore: number): void => {
    if (rng.chance(returnedBefore)) {
      const first = k + rng.int(3, 6)
      story.submit(submissionDay(ctx, first))
      story.returnForChanges(W(first - rng.int(1, 2)))
    }
    story.submit(submissionDay(ctx, k))
  }
  /** Approved on day `a`, signed in with the stub on day `s` (received then or the working day before). */
  const approveAndSignIn = (a: number, s: number): void => {
    submission(a + rng.int(1, 3), 0.06)
    story.approve(W(a))
    if (a - 1 > s && rng.chance(0.1)) {
      const x = rng.int(s + 1, a - 1)
      story.signIn(W(x), W(x), false)
    }
    story.signIn(W(s), s + 1 < a && rng.chance(0.2) ? W(s + 1) : W(s), true)
  }

  switch (target) {
    case 'submitted': {
      const k = rng.weighted(CLOCK_AGE)
      submission(k, 0.15)
      if (rng.chance(0.3)) story.claim(W(after(k, k + 1)))
      return
    }
    case 'returned': {
      const k = rng.int(1, 10)
      submission(k, 0.1)
      story.returnForChanges(W(after(k, 3)))
      return
    }
    case 'not_accepted': {
      const k = rng.int(1, 14)
      submission(k, 0)
      story.notAccepted(W(after(k)))
      return
    }
    case 'cancelled': {
      const k = rng.int(0, 14)
      submission(k, 0)
      story.cancel(W(after(k, 3)))
      return
    }
    case 'awaiting_archive': {
      const k = rng.int(1, 14)
      submission(k, 0.08)
      const a = after(k)
      story.approve(W(a))
      if (a >= 3 && rng.chance(0.1)) {
        const x = rng.int(0, a - 2)
        story.signIn(W(x), W(x), false)
      } else if (rng.chance(0.2)) story.claim(W(rng.int(0, a)))
      return
    }
    case 'archive_review': {
      const s = rng.weighted(CLOCK_AGE.slice(0, 9))
      if (rng.chance(0.15)) {
        const req = s + rng.int(1, 3)
        const signIn = req + rng.int(1, 3)
        approveAndSignIn(signIn + rng.int(2, 6), signIn)
        story.requestSupplements(W(req))
        story.supplementsReceived(W(s))
      } else approveAndSignIn(s + rng.int(2, 6), s)
      return
    }
    case 'supplements_needed': {
      const q = rng.int(0, 8)
      const signIn = q + rng.int(1, 4)
      approveAndSignIn(signIn + rng.int(2, 6), signIn)
      story.requestSupplements(W(q))
      if (rng.chance(0.25)) story.claim(W(rng.int(0, q)))
      return
    }
    case 'deposited': {
      const z = rng.int(0, 12)
      if (rng.chance(0.1)) {
        const received = z + rng.int(1, 3)
        const req = received + rng.int(1, 3)
        const signIn = req + rng.int(1, 3)
        approveAndSignIn(signIn + rng.int(2, 6), signIn)
        story.requestSupplements(W(req))
        story.supplementsReceived(W(received))
      } else {
        const signIn = z + rng.int(1, 4)
        approveAndSignIn(signIn + rng.int(2, 6), signIn)
      }
      story.deposit(W(z), nextArchiveNumber(W(z)))
      return
    }
  }
}
