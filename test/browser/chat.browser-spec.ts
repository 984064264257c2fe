/**
 * The web client's chat panel in Chromium, two people in two browser contexts against a real
 * Arena: a direct conversation started from a profile (live delivery, unread counts, typing,
 * replies), public and protected channels found in the directory and joined, and a game invite
 * accepted from the conversation that puts both on the match screen. Every control is found by
 * its role and name, as a screen reader would.
 */
import type { Page } from 'playwright-core';
import { bearer, registerAccount, type Account } from '../support/accounts';
import { browserSuite, checkScreen } from '../support/browser';
import {
  chat,
  expectFocused,
  messageBox,
  messages,
  send,
  signInToChat,
} from '../support/chat-page';

describe('chat panel in Chromium (browser)', () => {
  const suite = browserSuite();
  const { open } = suite;

  const signIn = (page: Page, account: Account) => signInToChat(suite, page, account);

  it('chats directly and in channels, and starts a match from a game invite', async () => {
    const [alice, bob] = await Promise.all([
      registerAccount(suite.app, { username: 'alice', displayName: 'Alice' }),
      registerAccount(suite.app, { username: 'bob', displayName: 'Bob' }),
    ]);
    const a = await open();
    const b = await open();
    await Promise.all([signIn(a.page, alice), signIn(b.page, bob)]);

    // Alice finds Bob, opens his profile and messages him from there.
    await a.page.getByRole('link', { name: 'Friends' }).click();
    await a.page.getByRole('searchbox', { name: 'Find players' }).fill('bob');
    await a.page.getByRole('main').getByRole('button', { name: 'Search' }).click();
    await a.page.getByRole('link', { name: 'Bob (@bob)' }).click();
    await a.page.getByRole('heading', { name: 'Bob', exact: true }).waitFor();
    await a.page.getByRole('button', { name: 'Message Bob' }).click();
    await chat(a.page).getByRole('heading', { name: 'Bob' }).waitFor();
    await expectFocused(messageBox(a.page));
    await send(a.page, 'Hi Bob! Up for a game?');
    await messages(a.page, 'Bob').getByText('Hi Bob! Up for a game?').waitFor();

    // Bob sees it arrive live, unread, and opens it.
    const unread = chat(b.page).getByRole('button', { name: 'Alice, 1 unread', exact: true });
    await unread.waitFor();
    await chat(b.page)
      .getByRole('button', { name: 'Conversations, 1 unread', exact: true })
      .waitFor();
    expect(await chat(b.page).getByText('Alice: Hi Bob! Up for a game?').count()).toBe(1);
    const marked = b.page.waitForResponse(
      (response) => response.url().endsWith('/read') && response.status() === 204,
    );
    await unread.click();
    await messages(b.page, 'Alice').getByText('Hi Bob! Up for a game?').waitFor();
    await marked;
    const listed = await suite.app
      .http()
      .get('/api/chat/conversations')
      .set(bearer(bob.accessToken))
      .expect(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        kind: 'direct',
        peer: expect.objectContaining({ id: alice.id }),
        unread: 0,
      }),
    ]);
    await chat(b.page).getByRole('button', { name: 'Conversations', exact: true }).waitFor();

    // Bob types (Alice sees it), then replies.
    await messageBox(b.page).fill('Sure');
    await chat(a.page).getByText('Bob is typing…').waitFor();
    await messageBox(b.page).press('Enter');
    await messages(a.page, 'Bob').getByText('Sure').waitFor();
    await messages(b.page, 'Alice').getByText('Sure').waitFor();
    await checkScreen(a.page, 'chat-direct');

    // Alice creates a public channel; Bob finds it in the directory and joins.
    await chat(a.page).getByRole('button', { name: 'Channels', exact: true }).click();
    await chat(a.page).getByLabel('Channel name').fill('lobby');
    await chat(a.page).getByRole('button', { name: 'Create channel' }).click();
    await chat(a.page).getByRole('heading', { name: 'Channel lobby' }).waitFor();

    await chat(b.page).getByRole('button', { name: 'Channels', exact: true }).click();
    await chat(b.page).getByLabel('Search channels').fill('lob');
    await chat(b.page).getByRole('button', { name: 'Search', exact: true }).click();
    await chat(b.page)
      .getByRole('list', { name: 'Channel directory' })
      .getByText('1 member', { exact: true })
      .waitFor();
    await chat(b.page).getByRole('button', { name: 'Join lobby' }).click();
    await chat(b.page).getByRole('heading', { name: 'Channel lobby' }).waitFor();
    await send(b.page, 'Hello, lobby');
    await messages(a.page, 'lobby').getByText('Hello, lobby').waitFor();
    await send(a.page, 'Welcome, Bob');
    await messages(b.page, 'lobby').getByText('Welcome, Bob').waitFor();
    await checkScreen(a.page, 'chat');

    // A protected channel: its password field shows only for that choice, and joining asks for it.
    await chat(a.page).getByRole('button', { name: 'Channels', exact: true }).click();
    expect(await chat(a.page).getByLabel('Channel password').isVisible()).toBe(false);
    await chat(a.page).getByLabel('Channel name').fill('vault');
    await chat(a.page).getByLabel('Visibility').selectOption('protected');
    await chat(a.page).getByLabel('Channel password').fill('open sesame');
    await chat(a.page).getByRole('button', { name: 'Create channel' }).click();
    await chat(a.page).getByRole('heading', { name: 'Channel vault' }).waitFor();
    await chat(b.page).getByRole('button', { name: 'Channels', exact: true }).click();
    await chat(b.page).getByLabel('Search channels').fill('vault');
    await chat(b.page).getByRole('button', { name: 'Search', exact: true }).click();
    await chat(b.page).getByRole('button', { name: 'Join vault' }).click();
    await chat(b.page).getByLabel('Password for vault').fill('open sesame');
    await chat(b.page).getByRole('button', { name: 'Join with password' }).click();
    await chat(b.page).getByRole('heading', { name: 'Channel vault' }).waitFor();
    await send(b.page, 'In the vault');
    await messages(a.page, 'vault').getByText('In the vault').waitFor();
    await checkScreen(b.page, 'chat-channel');

    // Alice invites Bob to a game from their direct conversation; Bob accepts from the message.
    await chat(a.page).getByRole('button', { name: 'Back to conversations' }).click();
    await chat(a.page).getByRole('button', { name: 'Bob', exact: true }).click();
    await chat(a.page).getByRole('button', { name: 'Invite to a game' }).click();
    await messages(a.page, 'Bob').getByText('You invited Bob to a match.').waitFor();

    await chat(b.page)
      .getByRole('button', { name: /^Conversations/ })
      .click();
    await chat(b.page).getByRole('button', { name: 'Alice, 1 unread', exact: true }).click();
    const invite = messages(b.page, 'Alice')
      .getByRole('listitem')
      .filter({ hasText: 'Alice invites you to a match.' });
    await checkScreen(b.page, 'chat-invite');
    // The same challenge is offered by the page's notice too, until it is settled.
    const notice = b.page
      .getByRole('region', { name: 'Notifications' })
      .getByRole('alert')
      .filter({ hasText: 'Alice challenges you to a match.' });
    await notice.waitFor();
    await invite.getByRole('button', { name: 'Accept the invitation' }).click();
    for (const page of [a.page, b.page]) {
      await page.getByRole('heading', { name: /^(Alice vs Bob|Bob vs Alice)$/ }).waitFor();
    }
    await notice.waitFor({ state: 'detached' });

    // The invitation is in Bob's notifications too; he reads them all.
    const inbox = chat(b.page).getByRole('button', { name: /^Notifications, \d+ unread$/ });
    await inbox.click();
    await chat(b.page)
      .getByRole('list', { name: 'Your notifications' })
      .getByText('Alice challenged you to a match.')
      .waitFor();
    await chat(b.page).getByRole('button', { name: 'Mark all as read' }).click();
    await chat(b.page).getByRole('button', { name: 'Notifications', exact: true }).waitFor();

    for (const watched of [a, b]) expect(watched.problems).toEqual([]);
  });

  it('pages back through a long history, and says why a message was refused', async () => {
    const [cara, dan] = await Promise.all([
      registerAccount(suite.app, { username: 'cara', displayName: 'Cara' }),
      registerAccount(suite.app, { username: 'dan', displayName: 'Dan' }),
    ]);
    const direct = await suite.app
      .http()
      .post('/api/chat/direct')
      .set(bearer(dan.accessToken))
      .send({ userId: cara.id })
      .expect(201);
    for (let n = 1; n <= 35; n++) {
      await suite.app
        .http()
        .post(`/api/chat/conversations/${direct.body.id}/messages`)
        .set(bearer(dan.accessToken))
        .send({ body: `Note ${n}.` })
        .expect(201);
    }
    const c = await open();
    await signIn(c.page, cara);
    await chat(c.page).getByRole('button', { name: 'Dan, 35 unread', exact: true }).click();
    const log = messages(c.page, 'Dan');
    await log.getByText('Note 35.', { exact: true }).waitFor();
    expect(await log.getByRole('listitem').count()).toBe(30);
    await chat(c.page).getByRole('button', { name: 'Load older messages' }).click();
    await log.getByText('Note 1.', { exact: true }).waitFor();
    expect(await log.getByRole('listitem').allTextContents()).toEqual(
      Array.from({ length: 35 }, (_, i) => expect.stringContaining(`Note ${i + 1}.`)),
    );
    expect(
      await chat(c.page).getByRole('button', { name: 'Load older messages' }).isVisible(),
    ).toBe(false);

    await suite.app
      .http()
      .post('/api/blocks')
      .set(bearer(dan.accessToken))
      .send({ userId: cara.id })
      .expect(204);
    await messageBox(c.page).fill('Why so quiet?');
    await messageBox(c.page).press('Enter');
    await chat(c.page).getByRole('alert').getByText('One of you has blocked the other').waitFor();
    expect(await messageBox(c.page).inputValue()).toBe('Why so quiet?');
    expect(c.problems).toEqual([]);
  });
});
