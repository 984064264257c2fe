/**
 * Channel moderation in the web client's chat panel, in Chromium, three people in three browser
 * contexts against a real Arena: the owner of a private channel invites two players (who join
 * from their notifications), makes one an admin (whose controls appear live), the admin is
 * refused acting on the owner with the server's reason and mutes the third (whose send is refused
 * with the reason), the owner kicks the admin (whose view loses the channel) and renames the
 * channel (a member sees the new name). Every control is found by its role and name.
 */
import type { Locator, Page } from 'playwright-core';
import { registerAccount, type Account } from '../support/accounts';
import { browserSuite, checkScreen } from '../support/browser';
import {
  chat,
  expectFocused,
  expectValue,
  messageBox,
  messages,
  send,
  signInToChat,
} from '../support/chat-page';

describe('channel moderation in the chat panel (browser)', () => {
  const suite = browserSuite();
  const { open } = suite;

  const signIn = (page: Page, account: Account) => signInToChat(suite, page, account);

  const tools = (page: Page, name: string) => chat(page).getByRole('region', { name });
  const alertOf = (page: Page) => chat(page).getByRole('alert');
  const statusOf = (page: Page, text: string) =>
    chat(page).getByRole('status').filter({ hasText: text });

  /** Opens "Moderate <name>" from the name on one of their messages. */
  async function moderate(page: Page, title: string, name: string): Promise<Locator> {
    await messages(page, title)
      .getByRole('button', { name: `Moderate ${name}`, exact: true })
      .first()
      .click();
    const region = tools(page, `Moderate ${name}`);
    await expectFocused(region.getByRole('heading', { name: `Moderate ${name}` }));
    return region;
  }

  async function invite(page: Page, username: string, name: string): Promise<void> {
    const manage = tools(page, 'Manage den');
    const search = manage.getByRole('search', { name: 'Find a player to invite' });
    await search.getByRole('searchbox').fill(username);
    await search.getByRole('button', { name: 'Search' }).click();
    await manage.getByRole('button', { name: `Invite ${name}`, exact: true }).click();
    await statusOf(page, `${name} is invited to den.`).waitFor();
  }

  async function joinFromNotifications(page: Page): Promise<void> {
    await chat(page)
      .getByRole('button', { name: /^Notifications, 1 unread$/ })
      .click();
    await chat(page)
      .getByRole('list', { name: 'Your notifications' })
      .getByText('Alice invited you to the channel den.')
      .waitFor();
    await chat(page).getByRole('button', { name: 'Join den' }).click();
    await chat(page).getByRole('heading', { name: 'Channel den' }).waitFor();
  }

  it('invites, promotes, mutes, kicks and renames, each side seeing it live', async () => {
    const [alice, bob, carol] = await Promise.all([
      registerAccount(suite.app, { username: 'alice', displayName: 'Alice' }),
      registerAccount(suite.app, { username: 'bob', displayName: 'Bob' }),
      registerAccount(suite.app, { username: 'carol', displayName: 'Carol' }),
    ]);
    const [a, b, c] = [await open(), await open(), await open()];
    await Promise.all([signIn(a.page, alice), signIn(b.page, bob), signIn(c.page, carol)]);

    // Alice creates a private channel and invites Bob and Carol from its tools.
    await chat(a.page).getByRole('button', { name: 'Channels', exact: true }).click();
    await chat(a.page).getByLabel('Channel name').fill('den');
    await chat(a.page).getByLabel('Visibility').selectOption('private');
    await chat(a.page).getByRole('button', { name: 'Create channel' }).click();
    await chat(a.page).getByRole('heading', { name: 'Channel den' }).waitFor();
    await send(a.page, 'Welcome to the den');
    await chat(a.page).getByRole('button', { name: 'Manage the channel' }).click();
    await expectFocused(tools(a.page, 'Manage den').getByRole('heading', { name: 'Manage den' }));
    await invite(a.page, 'bob', 'Bob');
    await invite(a.page, 'carol', 'Carol');
    await tools(a.page, 'Manage den').getByRole('button', { name: 'Close' }).click();
    await expectFocused(chat(a.page).getByRole('button', { name: 'Manage the channel' }));

    // Both join from the invitation in their notifications; members see no moderation tools.
    await joinFromNotifications(b.page);
    await joinFromNotifications(c.page);
    await send(b.page, 'Hello from Bob');
    await send(c.page, 'Hello from Carol');
    await messages(a.page, 'den').getByText('Hello from Carol').waitFor();
    await messages(b.page, 'den').getByText('Hello from Carol').waitFor();
    expect(await chat(b.page).getByRole('button', { name: 'Manage the channel' }).isVisible()).toBe(
      false,
    );
    expect(await messages(b.page, 'den').getByRole('button').count()).toBe(0);

    // Alice makes Bob an admin: Bob's controls appear without a reload.
    const bobTools = await moderate(a.page, 'den', 'Bob');
    await checkScreen(a.page, 'chat-moderation');
    await bobTools.getByRole('button', { name: 'Make admin' }).click();
    await statusOf(a.page, 'Bob is now an admin.').waitFor();
    await chat(b.page).getByRole('button', { name: 'Manage the channel' }).waitFor();
    await messages(b.page, 'den').getByRole('button', { name: 'Moderate Carol' }).waitFor();

    // An admin does not act on the owner: the server's reason shows in Bob's alert region.
    const aliceTools = await moderate(b.page, 'den', 'Alice');
    expect(await aliceTools.getByRole('button', { name: 'Make admin' }).count()).toBe(0);
    await aliceTools.getByRole('button', { name: 'Kick' }).click();
    await alertOf(b.page).getByText('Nobody acts on the owner').waitFor();
    await aliceTools.press('Escape');
    await expectHidden(aliceTools);

    // Bob mutes Carol: her send box says so, and her message is refused with the reason.
    const carolTools = await moderate(b.page, 'den', 'Carol');
    await carolTools.getByLabel('Mute for minutes').fill('5');
    await carolTools.getByRole('button', { name: 'Mute' }).click();
    await statusOf(b.page, 'Carol is muted for 5 minutes.').waitFor();
    await alertOf(c.page).getByText('You are muted in den.').waitFor();
    await chat(c.page).getByText('You are muted here').waitFor();
    await messageBox(c.page).fill('Can I still talk?');
    await messageBox(c.page).press('Enter');
    await alertOf(c.page).getByText('You are muted in this channel').waitFor();
    await expectValue(messageBox(c.page), 'Can I still talk?');

    // Alice kicks Bob: the channel leaves his list and his open view, with a notice.
    const kickTools = await moderate(a.page, 'den', 'Bob');
    await kickTools.getByRole('button', { name: 'Kick' }).click();
    await statusOf(a.page, 'Bob was removed from the channel.').waitFor();
    await alertOf(b.page).getByText('You were removed from den.').waitFor();
    await chat(b.page).getByRole('heading', { name: 'Channel den' }).waitFor({ state: 'detached' });
    await chat(b.page).getByText('No conversations yet').waitFor();
    expect(await chat(b.page).getByRole('button', { name: /^den/ }).count()).toBe(0);

    // Alice renames the channel; Carol, still a member, finds it under its new name.
    await chat(a.page).getByRole('button', { name: 'Manage the channel' }).click();
    const settings = tools(a.page, 'Manage den').getByRole('form', { name: 'Channel settings' });
    await settings.getByLabel('Name').fill('hideout');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await chat(a.page).getByRole('heading', { name: 'Channel hideout' }).waitFor();
    await statusOf(a.page, 'The channel settings are saved.').waitFor();
    await c.page.reload();
    await chat(c.page).getByText('Connecting to the chat…').waitFor({ state: 'hidden' });
    await chat(c.page)
      .getByRole('button', { name: /^hideout/ })
      .click();
    await chat(c.page).getByRole('heading', { name: 'Channel hideout' }).waitFor();

    expect(a.problems).toEqual([]);
    expect(c.problems).toEqual([]);
    // Bob's one refused request is his kick of the owner (Chromium logs it too).
    expect([...b.problems].sort()).toEqual([
      expect.stringMatching(
        new RegExp(`^HTTP 403: POST .*/api/chat/channels/[^/]+/members/${alice.id}/kick$`),
      ),
      'console: Failed to load resource: the server responded with a status of 403 (Forbidden)',
    ]);
  });

  async function expectHidden(locator: Locator): Promise<void> {
    await locator.waitFor({ state: 'detached' });
  }
});
