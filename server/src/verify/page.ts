import type { OfficeInfo } from '../../../src/shared/domain/office'
import type { VerifyAnswer } from './routes'

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const STYLE = `
body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif;background:#f5f6f8;color:#1f1f1f}
header{background:#b5121b;color:#fff;padding:18px 24px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;font-size:13px;opacity:.85}
main{max-width:640px;margin:24px auto;padding:0 16px}
form{display:flex;gap:8px;margin-bottom:20px}label{position:absolute;left:-9999px}
input{flex:1;font-size:18px;padding:10px 12px;border:1px solid #c9c9c9;border-radius:6px;letter-spacing:2px}
button{font-size:16px;padding:10px 22px;border:0;border-radius:6px;background:#b5121b;color:#fff;cursor:pointer}
.card{background:#fff;border-radius:8px;padding:20px 24px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.verdict{font-size:20px;font-weight:700;margin:0 0 14px}.ok{color:#237804}.bad{color:#b5121b}.none{color:#8c8c8c}
table{border-collapse:collapse;width:100%}th{width:7em;text-align:left;color:#595959;font-weight:400;padding:8px 0;vertical-align:top}
td{padding:8px 0;border-bottom:1px solid #f0f0f0}footer{color:#8c8c8c;font-size:12px;margin-top:20px;line-height:1.7}`

function result(a: VerifyAnswer): string {
  if (!a.found) {
    const why = a.reason === 'format' ? '验证码格式不正确：应为 8 位字母或数字（如 K7QH-3M9X），请核对后重新输入。' : '未找到该验证码对应的文书。请核对验证码；如仍无法查到，该文书可能不是本中心出具的。'
    return `<div class="card" data-testid="verify-result" data-found="false"><p class="verdict none">查无此文书</p><p>${escape(why)}</p></div>`
  }
  const d = a.document
  const verdict =
    d.status === 'issued'
      ? '<p class="verdict ok">✔ 该文书由本中心出具，真实有效</p>'
      : d.status === 'draft'
        ? '<p class="verdict bad">✘ 该文书尚未签章生效，不能作为正式文书使用</p>'
        : `<p class="verdict bad">✘ 该文书已${d.status === 'void' ? '作废' : '撤销'}，不再有效</p>`
  const rows: [string, string][] = [
    ['文书类型', d.docTypeLabel],
    ['文号', d.number],
    ['出具日期', d.issuedOn],
    ['持有人', d.holder],
    ['验证码', d.verificationCode]
  ]
  if (d.status === 'void' || d.status === 'revoked') rows.push([d.status === 'void' ? '作废原因' : '撤销原因', `${d.statusReason ?? ''}${d.statusOn ? `（${d.statusOn}）` : ''}`])
  const table = rows.map(([k, v]) => `<tr><th>${k}</th><td>${escape(v)}</td></tr>`).join('')
  return `<div class="card" data-testid="verify-result" data-found="true" data-status="${d.status}">${verdict}<table>${table}</table></div>`
}

/** The verification page: the form, and the answer to a check when there is one (the office as its settings say). */
export function renderVerifyPage(answer: VerifyAnswer | null, office: OfficeInfo): string {
  const value = answer && !answer.found ? escape(answer.code) : answer?.found ? escape(answer.document.verificationCode) : ''
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>文书真伪核验 — ${escape(office.name)}</title><style>${STYLE}</style></head><body>
<header><h1>${escape(office.name)} · 文书真伪核验</h1><p>输入文书上的验证码，或用手机扫描文书上的二维码</p></header>
<main><form method="get" action="/verify"><label for="code">验证码</label>
<input id="code" name="code" value="${value}" placeholder="验证码，如 K7QH-3M9X" autocomplete="off" maxlength="40" required autofocus>
<button type="submit">查询</button></form>
${answer ? result(answer) : ''}
<footer>本页只显示文书的类型、文号、出具日期和经遮蔽的持有人姓名，不显示其他个人信息。每次查询均会记录。<br>
如对查询结果有疑问，请致电 ${escape(office.phone)}。</footer></main></body></html>`
}
