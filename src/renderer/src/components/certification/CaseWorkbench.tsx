import type { CaseDetail } from '../../../../shared/api/types'
import CertificationWorkbenchCard from './CertificationWorkbenchCard'
import EligibilityCard from './EligibilityCard'

/** What the reviewer weighs before the form: the certification workbench, or the employment desk's eligibility. */
export default function CaseWorkbench({ detail }: { detail: CaseDetail }) {
  return (
    <>
      {detail.certification && <CertificationWorkbenchCard detail={detail} wb={detail.certification} />}
      {detail.employment && <EligibilityCard wb={detail.employment} />}
    </>
  )
}
