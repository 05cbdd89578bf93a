/**
 * `npm run dist:win` (after `electron-vite build`): the Windows installer with electron-builder, signed with
 * what the environment gives — no certificate detail lives in the repository:
 *   CSC_LINK, CSC_KEY_PASSWORD    the code-signing certificate (.pfx/.p12 path, https URL or base64) and its
 *                                 password; electron-builder reads them itself (WIN_CSC_LINK /
 *                                 WIN_CSC_KEY_PASSWORD win over them for Windows);
 *   CASEDESK_SIGN_SUBJECT         or CASEDESK_SIGN_SHA1: a certificate in the Windows certificate store (an
 *                                 EV token, say) chosen by subject name or thumbprint, instead of CSC_LINK;
 *   CASEDESK_SIGN_PUBLISHER       win.signtoolOptions.publisherName, the certificate subject's CN exactly
 *                                 (default: read from the certificate);
 *   CASEDESK_TIMESTAMP_URL        the RFC 3161 time-stamp server (default: the one in electron-builder.yml).
 * Without any certificate electron-builder builds an unsigned installer and says so.
 * electron-builder expands `${env.…}` only in file patterns, artifact names and the output folder — not in
 * signtoolOptions — so the values are passed here as `-c.win.signtoolOptions.*` overrides.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const OVERRIDES = {
  CASEDESK_SIGN_PUBLISHER: 'publisherName',
  CASEDESK_SIGN_SUBJECT: 'certificateSubjectName',
  CASEDESK_SIGN_SHA1: 'certificateSha1',
  CASEDESK_TIMESTAMP_URL: 'rfc3161TimeStampServer'
} as const

/** electron-builder's command-line arguments for the Windows installer, given the environment. */
export function distWinArgs(env: NodeJS.ProcessEnv): string[] {
  const args = ['--win', '--config', 'electron-builder.yml']
  for (const [name, option] of Object.entries(OVERRIDES)) {
    const value = env[name]?.trim()
    if (value) args.push(`-c.win.signtoolOptions.${option}=${value}`)
  }
  return args
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cli = fileURLToPath(new URL('../node_modules/electron-builder/cli.js', import.meta.url))
  const run = spawnSync(process.execPath, [cli, ...distWinArgs(process.env)], { stdio: 'inherit' })
  process.exit(run.status ?? 1)
}
