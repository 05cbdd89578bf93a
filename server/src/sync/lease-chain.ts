import { eq } from 'drizzle-orm'
import type { Staff } from '../auth/sessions'
import { schema, type Db } from '../db'
import { type Mutation, mutationCaseId } from './mutations'
import { Rejection } from './rejection'

/** Refusals after which the desk sets the claim aside (quarantine) and keeps what it held, for a retry. */
const SET_ASIDE = ['MALFORMED', 'MUTATION_TAKEN']

/**
 * A decision behind a claim the desk sets aside: refused `CLAIM_NOT_APPLIED` but not recorded, so the desk can
 * send it again (same id) behind the claim once an administrator retries that — like `MUTATION_TAKEN`, never stored.
 */
export class UnrecordedRejection extends Rejection {}

/** What a push answered for a mutation (push.ts `MutationResult`, as far as a chained lease needs it). */
type Answer = { status: 'applied'; leaseToken?: number } | { status: 'rejected'; code: string; message: string }

interface Claimed {
  name: string
  caseId: string | null
  result: Answer
}

/**
 * The leases a push batch chains (PROTOCOL.md, Push: `leaseFrom`). A decision queued on the desk behind its own
 * claim cannot know the lease token yet; it names the claim instead (`leaseFrom` = the claim's mutation id) and
 * travels in the same request. The service presents the token that claim was granted — from this batch's answers,
 * or the record of an earlier push by the same desk and staff member (a batch replayed after a lost answer).
 * A claim that was refused (or is not this desk's) means the decision is refused `CLAIM_NOT_APPLIED`, never applied.
 */
export class LeaseChain {
  constructor(
    private readonly clientId: string,
    private readonly staff: Staff,
    private readonly answered = new Map<string, Claimed>(),
    /** Per case, the token of the latest claim applied in this batch. */
    private readonly granted = new Map<string, number>()
  ) {}

  /** A copy to note a chunk's answers in: kept when the chunk commits, dropped when it is rolled back and run again. */
  fork(): LeaseChain {
    return new LeaseChain(this.clientId, this.staff, new Map(this.answered), new Map(this.granted))
  }

  /** Remembers a mutation's answer in this batch (applied, refused, or answered from the record). */
  note(m: Mutation, result: Answer): void {
    const caseId = mutationCaseId(m) ?? null
    this.answered.set(m.id, { name: m.name, caseId, result })
    if (m.name === 'case.claim' && caseId && result.status === 'applied' && typeof result.leaseToken === 'number') this.granted.set(caseId, result.leaseToken)
  }

  /**
   * The lease token `m` presents: its own `leaseToken`; the one its `leaseFrom` claim was granted (else a Rejection);
   * for a decision with neither (a desk from before `leaseFrom`, queued behind its own claim), the token of the
   * latest claim of the case applied in this batch — or undefined, and mutations.ts looks in the record of earlier pushes.
   */
  async token(db: Db, m: Mutation): Promise<number | null | undefined> {
    if (!m.leaseFrom) {
      const caseId = mutationCaseId(m)
      if (m.leaseToken == null && caseId && (m.name === 'case.act' || m.name === 'case.release')) return this.granted.get(caseId) ?? m.leaseToken
      return m.leaseToken
    }
    const claim = this.answered.get(m.leaseFrom) ?? (await this.recorded(db, m.leaseFrom))
    if (!claim) throw new Rejection('CLAIM_NOT_APPLIED', '此操作所依的认领不在本窗口的变更记录中，此操作未执行，请重新认领后再办理')
    // Refused first: a mutation refused as malformed is recorded without what it was (name, case).
    if (claim.result.status === 'rejected') {
      const message = `此操作所依的认领未生效（${claim.result.message.replace(/[。；;，,\s]+$/u, '')}），此操作未执行`
      throw SET_ASIDE.includes(claim.result.code) ? new UnrecordedRejection('CLAIM_NOT_APPLIED', message) : new Rejection('CLAIM_NOT_APPLIED', message)
    }
    if (claim.name !== 'case.claim' || claim.caseId !== (mutationCaseId(m) ?? null)) {
      throw new Rejection('MALFORMED', 'leaseFrom 须指向同一业务在此之前的认领（case.claim），此操作未执行')
    }
    return claim.result.leaseToken ?? null
  }

  /** An earlier push's record of the claim, only when it was this desk's and this staff member's. */
  private async recorded(db: Db, id: string): Promise<Claimed | undefined> {
    const t = schema.mutations
    const [row] = await db.select({ name: t.name, caseId: t.caseId, result: t.result, clientId: t.clientId, staffId: t.staffId }).from(t).where(eq(t.id, id))
    if (!row || row.clientId !== this.clientId || row.staffId !== this.staff.id) return undefined
    return { name: row.name, caseId: row.caseId, result: row.result as Answer }
  }
}
