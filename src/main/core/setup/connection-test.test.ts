import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../../../server/src/app'
import { openTestDb } from '../../../../server/src/testing/harness'
import { testConnection } from './connection-test'

// The desk's connection test against real listeners: a closed port, a TLS server with an untrusted
// certificate, a web server that is not an exchange service, one of another protocol version, and the
// real exchange service.

const servers: Server[] = []
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
})

async function listen(server: Server): Promise<number> {
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return (server.address() as AddressInfo).port
}

const answering = (status: number, type: string, body: string) =>
  createHttpServer((_req, res) => {
    res.writeHead(status, { 'content-type': type })
    res.end(body)
  })

describe('testing an exchange service address', () => {
  it('names a refused connection', async () => {
    const probe = createHttpServer()
    const port = await listen(probe)
    await new Promise((r) => probe.close(r))
    servers.splice(servers.indexOf(probe), 1)
    expect(await testConnection(`http://127.0.0.1:${port}`, fetch)).toMatchObject({ ok: false, stage: 'refused', message: expect.stringContaining('拒绝连接') })
  })

  it('names a host that does not resolve', async () => {
    expect(await testConnection('https://no-such-host.invalid', fetch)).toMatchObject({ ok: false, stage: 'dns', message: expect.stringContaining('no-such-host.invalid') })
  })

  it('names an untrusted TLS certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casedesk-tls-'))
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' })
      const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'))
      const port = await listen(server as unknown as Server)
      expect(await testConnection(`https://127.0.0.1:${port}`, fetch)).toMatchObject({ ok: false, stage: 'tls', message: expect.stringContaining('证书') })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('names a server that is not an exchange service, and one of another protocol version', async () => {
    const web = await listen(answering(200, 'text/html', '<html>office intranet</html>'))
    expect(await testConnection(`http://127.0.0.1:${web}`, fetch)).toMatchObject({ ok: false, stage: 'not_service' })
    const missing = await listen(answering(404, 'application/json', '{"error":{"code":"NOT_FOUND"}}'))
    expect(await testConnection(`http://localhost:${missing}/`, fetch)).toMatchObject({ ok: false, stage: 'not_service' })
    const newer = await listen(answering(200, 'application/json', JSON.stringify({ service: 'casedesk-exchange', schema: '2', version: '9.0.0', setupRequired: false, serviceId: 'a-newer-service' })))
    expect(await testConnection(`http://127.0.0.1:${newer}`, fetch)).toMatchObject({ ok: false, stage: 'version', serverVersion: '9.0.0', message: expect.stringContaining('本机 CaseDesk') })
  })

  it('passes against the real exchange service and says when it waits for its first administrator', async () => {
    const sdb = await openTestDb()
    const app = buildApp({ db: sdb })
    try {
      const url = await app.listen({ port: 0, host: '127.0.0.1' })
      expect(await testConnection(url, fetch)).toMatchObject({ ok: true, stage: 'ok', setupRequired: true, message: expect.stringContaining('初始化码') })
    } finally {
      await app.close()
      await sdb.close()
    }
  })
})
