import { expect, signIn, test } from './fixtures'

test('a supervisor closes the office for a day; the running deadlines move and clerks see the calendar read-only', async ({ page, desk, shot }) => {
  const sql = desk.store.sqlite
  const running = () => sql.prepare("SELECT id, deadline_on FROM cases WHERE state = 'submitted' ORDER BY id").all() as { id: string; deadline_on: string }[]
  const before = running()

  await signIn(page, desk.bridge.url, 'super1')
  await page.getByTestId('nav-calendar').click()
  await expect(page.getByTestId('calendar-page')).toBeVisible()
  const day = page.getByTestId('calendar-day-2026-11-26')
  await day.click()
  await page.getByTestId('override-kind-holiday').click()
  await page.getByTestId('override-note').fill('办公楼停电检修')
  await page.getByTestId('override-save').click()
  await expect(day).toContainText('办公楼停电检修')
  await shot('calendar')

  expect(sql.prepare("SELECT kind FROM calendar_overrides WHERE date = '2026-11-26'").get()).toEqual({ kind: 'holiday' })
  const after = new Map(running().map((r) => [r.id, r.deadline_on]))
  const moved = before.filter((r) => r.deadline_on >= '2026-11-26' && after.get(r.id) !== r.deadline_on)
  expect(moved.length).toBeGreaterThan(0)

  await page.getByTestId('logout').click()
  await signIn(page, desk.bridge.url, 'clerk1')
  await page.getByTestId('nav-calendar').click()
  await page.getByTestId('calendar-day-2026-11-26').click()
  await expect(page.getByTestId('override-save')).toHaveCount(0)
})
