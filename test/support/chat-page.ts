/**
 * The web client's chat panel as the browser specs reach it: by role and name, as a screen
 * reader would.
 */
import type { Locator, Page } from 'playwright-core';
import type { BrowserSuite } from './browser';

/** The chat region beside every screen. */
export const chat = (page: Page) => page.getByRole('complementary', { name: 'Chat' });

export const messageBox = (page: Page) =>
  chat(page).getByRole('textbox', { name: 'Message', exact: true });

/** The messages of the open conversation titled `title`. */
export const messages = (page: Page, title: string) =>
  chat(page).getByRole('list', { name: `Messages in ${title}` });

/** Signs in with a password and waits until the chat is connected. */
export async function signInToChat(
  suite: BrowserSuite,
  page: Page,
  account: { username: string; password: string },
): Promise<void> {
  await suite.signIn(page, account);
  await chat(page).getByText('Connecting to the chat…').waitFor({ state: 'hidden' });
}

/** Types a message and sends it with Enter, as a person would; the box empties once sent. */
export async function send(page: Page, text: string): Promise<void> {
  await messageBox(page).fill(text);
  await messageBox(page).press('Enter');
  await expectValue(messageBox(page), '');
}

/** Waits until a text field holds `value`. */
export async function expectValue(box: Locator, value: string): Promise<void> {
  await box
    .page()
    .waitForFunction(
      ([element, expected]) => (element as unknown as { value: string }).value === expected,
      [await box.elementHandle(), value] as const,
    );
}

/** Waits until `locator` has the focus. */
export async function expectFocused(locator: Locator): Promise<void> {
  await locator.page().waitForFunction(
    (element) => {
      const node = element as unknown as { ownerDocument: { activeElement: unknown } };
      return node.ownerDocument.activeElement === element;
    },
    await locator.elementHandle(),
  );
}
