// Choosing from antd's pop-ups (Select, Cascader, Dropdown menus) so that the choice is asserted, never assumed.
//
// On a busy machine a click can land while a pop-up is still sliding in or out, on an option list that is
// about to be replaced, or before React has committed the last choice: the click "succeeds" and nothing is
// chosen (print-console's ledger kept 调档通知单 that way). Each helper here does the gesture, then waits for the
// state the clerk would see (the chosen value shown, the pop-up closed) and repeats the gesture until it holds.
// No fixed sleeps: every wait is for a state.
import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

/** How long a choice may take to stick, retries included. */
const CHOICE_TIMEOUT = 30_000
/** One attempt's wait before the gesture is repeated. */
const ATTEMPT_TIMEOUT = 3_000

const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)

/**
 * The open Select/Cascader pop-up: shown, and not on its way out (a closing pop-up keeps its options in the
 * DOM while it fades, and a click on them chooses nothing).
 */
export const selectPopup = (page: Page): Locator =>
  page.locator('.ant-select-dropdown:visible:not(.ant-select-dropdown-hidden):not([class*="-leave"])')
export const cascaderPopup = (page: Page): Locator =>
  page.locator('.ant-cascader-dropdown:visible:not(.ant-cascader-dropdown-hidden):not([class*="-leave"])')
export const menuPopup = (page: Page): Locator => page.locator('.ant-dropdown:visible:not(.ant-dropdown-hidden):not([class*="-leave"])')

/** What a single Select shows as chosen (its label), '' when nothing is. */
export async function shownValue(select: Locator): Promise<string> {
  const item = select.locator('.ant-select-selection-item, .ant-select-content-value, .ant-select-selection-value')
  const text = (await item.count()) > 0 ? await item.first().innerText() : await select.innerText()
  return text.trim()
}

/**
 * Where to click to open a Select: its search box in a multiple Select (a click in the middle of one can land
 * on a tag's × and remove a chosen value), the Select itself otherwise.
 */
async function opener(select: Locator): Promise<Locator> {
  return /\bant-select-multiple\b/.test((await select.getAttribute('class')) ?? '') ? select.getByRole('combobox') : select
}

/** Opens a Select's options (clicking again until its pop-up is shown) and returns the pop-up. */
export async function openOptions(select: Locator): Promise<Locator> {
  const popup = selectPopup(select.page())
  const target = await opener(select)
  await expect(async () => {
    if (!(await popup.isVisible())) await target.click({ timeout: ATTEMPT_TIMEOUT })
    await expect(popup).toBeVisible({ timeout: ATTEMPT_TIMEOUT })
  }).toPass({ timeout: CHOICE_TIMEOUT })
  return popup
}

/** Closes whatever Select pop-up is open (Escape) and waits until it is gone. */
export async function closeOptions(page: Page): Promise<void> {
  const popup = selectPopup(page)
  await expect(async () => {
    if (await popup.isVisible()) await page.keyboard.press('Escape')
    await expect(popup).toBeHidden({ timeout: ATTEMPT_TIMEOUT })
  }).toPass({ timeout: CHOICE_TIMEOUT })
}

/**
 * Chooses `label` in a single antd Select and asserts that the Select shows it (and its pop-up closed);
 * the choice is made again until it sticks.
 */
export async function chooseOption(select: Locator, label: string): Promise<void> {
  const page = select.page()
  const popup = selectPopup(page)
  await expect(async () => {
    if ((await shownValue(select)) !== label) {
      if (!(await popup.isVisible())) await (await opener(select)).click({ timeout: ATTEMPT_TIMEOUT })
      const option = popup.locator('.ant-select-item-option').filter({ hasText: exactly(label) })
      await option.first().click({ timeout: ATTEMPT_TIMEOUT })
    }
    expect(await shownValue(select)).toBe(label)
    await expect(popup).toBeHidden({ timeout: ATTEMPT_TIMEOUT })
  }).toPass({ timeout: CHOICE_TIMEOUT })
  await expect.poll(() => shownValue(select)).toBe(label)
}

/**
 * Chooses `labels` (in order, one level each) in an antd Cascader and asserts the Cascader shows the path
 * (antd joins it with ' / ').
 */
export async function chooseCascader(cascader: Locator, labels: string[]): Promise<void> {
  const page = cascader.page()
  const popup = cascaderPopup(page)
  const shown = labels.join(' / ')
  await expect(async () => {
    if ((await shownValue(cascader)) !== shown) {
      if (!(await popup.isVisible())) await cascader.click({ timeout: ATTEMPT_TIMEOUT })
      for (const [level, label] of labels.entries()) {
        const menu = popup.locator('.ant-cascader-menu').nth(level)
        await menu.locator('.ant-cascader-menu-item').filter({ hasText: exactly(label) }).first().click({ timeout: ATTEMPT_TIMEOUT })
      }
    }
    expect(await shownValue(cascader)).toBe(shown)
  }).toPass({ timeout: CHOICE_TIMEOUT })
}

/**
 * Clicks a menu item of an antd Dropdown opened by `trigger` and waits for what the item does (`done`),
 * clicking again (reopening the menu) until it is so.
 */
export async function chooseMenuItem(trigger: Locator, item: (menu: Locator) => Locator, done: () => Promise<void>): Promise<void> {
  const menu = menuPopup(trigger.page())
  await expect(async () => {
    if (!(await menu.isVisible())) await trigger.click({ timeout: ATTEMPT_TIMEOUT })
    await item(menu).click({ timeout: ATTEMPT_TIMEOUT })
    await done()
  }).toPass({ timeout: CHOICE_TIMEOUT })
}

/** Sets an antd Switch (role=switch) on or off and asserts it shows so. */
export async function setSwitch(control: Locator, on: boolean): Promise<void> {
  await expect(async () => {
    if ((await control.getAttribute('aria-checked')) !== String(on)) await control.click({ timeout: ATTEMPT_TIMEOUT })
    await expect(control).toHaveAttribute('aria-checked', String(on), { timeout: ATTEMPT_TIMEOUT })
  }).toPass({ timeout: CHOICE_TIMEOUT })
}

/** Sets an antd Checkbox (its `<input>`) and asserts it took: a click on a dialog still animating in is lost under load. */
export async function setChecked(input: Locator, on: boolean): Promise<void> {
  await expect(async () => {
    if ((await input.isChecked()) !== on) await input.click({ timeout: ATTEMPT_TIMEOUT })
    await (on ? expect(input).toBeChecked({ timeout: ATTEMPT_TIMEOUT }) : expect(input).not.toBeChecked({ timeout: ATTEMPT_TIMEOUT }))
  }).toPass({ timeout: CHOICE_TIMEOUT })
}

/** Picks a Segmented option by its label and asserts it is the selected one. */
export async function chooseSegment(segmented: Locator, label: string): Promise<void> {
  const option = segmented.locator('.ant-segmented-item').filter({ hasText: exactly(label) })
  await expect(async () => {
    await option.first().click({ timeout: ATTEMPT_TIMEOUT })
    await expect(option.first()).toHaveClass(/ant-segmented-item-selected/, { timeout: ATTEMPT_TIMEOUT })
  }).toPass({ timeout: CHOICE_TIMEOUT })
}
