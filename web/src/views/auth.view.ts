/** Sign in (password, then a 2FA code when asked; or a sign-in provider) and sign up. */
import { ArenaApiError, type ArenaRestClient } from '@arena/client';
import type { App, View } from '../app';
import { field, formValues, h, replaceChildren } from '../dom';

/** A sign-in's answer: signed in, or a second factor to give. */
type SignInResult = Awaited<ReturnType<ArenaRestClient['signIn']>>;

function errorText(error: unknown): string {
  return error instanceof ArenaApiError ? error.detail : 'Arena could not be reached';
}

async function finish(app: App, result: SignInResult, root: HTMLElement): Promise<void> {
  if ('twoFactorRequired' in result) {
    replaceChildren(root, twoFactorForm(app, result.challengeToken, root));
    root.querySelector('input')?.focus();
    return;
  }
  await app.refreshMe();
  app.navigate('/play');
}

function twoFactorForm(app: App, challengeToken: string, root: HTMLElement): HTMLElement {
  const error = h('p', { role: 'alert', class: 'error' });
  const form = h(
    'form',
    { 'aria-labelledby': 'two-factor-title' },
    h('h1', { id: 'two-factor-title' }, 'Two-factor authentication'),
    h('p', null, 'Enter the 6-digit code from your authenticator app.'),
    field(
      'Authentication code',
      h('input', {
        name: 'code',
        inputmode: 'numeric',
        autocomplete: 'one-time-code',
        pattern: '[0-9]{6}',
        required: true,
      }),
    ),
    h('button', { type: 'submit' }, 'Verify'),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { code } = formValues(form);
    app.api.rest
      .signInWithCode({ challengeToken, code })
      .then((result) => finish(app, result, root))
      .catch((failure: unknown) => (error.textContent = errorText(failure)));
  });
  return form;
}

export function signInScreen(app: App): View {
  const root = h('section', { class: 'auth' });
  const error = h('p', { role: 'alert', class: 'error' });
  const providers = h('div', { class: 'providers' });
  const form = h(
    'form',
    { 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in'),
    field(
      'Username or email',
      h('input', { name: 'login', autocomplete: 'username', required: true }),
    ),
    field(
      'Password',
      h('input', {
        name: 'password',
        type: 'password',
        autocomplete: 'current-password',
        required: true,
      }),
    ),
    h('button', { type: 'submit' }, 'Sign in'),
    error,
    providers,
    h('p', null, 'New here? ', h('a', { href: '#/signup' }, 'Create an account')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { login, password } = formValues(form);
    app.api.rest
      .signIn({ login, password })
      .then((result) => finish(app, result, root))
      .catch((failure: unknown) => (error.textContent = errorText(failure)));
  });
  root.append(form);
  void app.api.rest
    .get('/api/auth/providers')
    .then((list) => {
      if (list.length === 0) return;
      replaceChildren(
        providers,
        h('p', null, 'Or sign in with'),
        list.map((provider) =>
          h(
            'button',
            {
              type: 'button',
              // Named in full when reached alone (a screen reader's list of buttons).
              'aria-label': `Sign in with ${provider.name}`,
              onclick: () => window.location.assign(app.api.providerUrl(provider.id)),
            },
            provider.name,
          ),
        ),
      );
    })
    .catch(() => undefined);
  return { title: 'Sign in', element: root };
}

export function signUpScreen(app: App): View {
  const root = h('section', { class: 'auth' });
  const error = h('p', { role: 'alert', class: 'error' });
  const form = h(
    'form',
    { 'aria-labelledby': 'sign-up-title' },
    h('h1', { id: 'sign-up-title' }, 'Create an account'),
    field(
      'Email',
      h('input', { name: 'email', type: 'email', autocomplete: 'email', required: true }),
    ),
    field(
      'Username',
      h('input', {
        name: 'username',
        autocomplete: 'username',
        pattern: '[A-Za-z0-9_\\-]{3,20}',
        title: '3 to 20 letters, digits, _ or -',
        required: true,
      }),
    ),
    field('Display name (optional)', h('input', { name: 'displayName', maxlength: 32 })),
    field(
      'Password',
      h('input', {
        name: 'password',
        type: 'password',
        autocomplete: 'new-password',
        minlength: 8,
        maxlength: 128,
        required: true,
      }),
    ),
    h('button', { type: 'submit' }, 'Sign up'),
    error,
    h('p', null, 'Already playing? ', h('a', { href: '#/signin' }, 'Sign in')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { email, username, password, displayName } = formValues(form);
    app.api.rest
      .register({ email, username, password, ...(displayName ? { displayName } : {}) })
      .then((result) => finish(app, result, root))
      .catch((failure: unknown) => (error.textContent = errorText(failure)));
  });
  root.append(form);
  return { title: 'Sign up', element: root };
}

/**
 * A provider's callback comes back to the page with `#code=…` (or `#error=…`): trade the code
 * for tokens (API.md "Sign-in providers"). Answers whether the address held such a result.
 */
export function completeProviderSignIn(app: App, hash: string): boolean {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return false;
  history.replaceState(null, '', `${location.pathname}#/signin`);
  if (error) {
    app.notify({ message: `Sign-in failed: ${error.replace(/_/g, ' ')}`, seconds: 10 });
    return false;
  }
  const root = h('div');
  void app.api.rest
    .signInWithProviderCode({ code: code ?? '' })
    .then((result) => finish(app, result, root))
    .then(() => {
      if (root.firstChild) {
        app.navigate('/signin');
        document.querySelector('main')?.replaceChildren(root);
      }
    })
    .catch((failure: unknown) => {
      app.notify({ message: `Sign-in failed: ${errorText(failure)}`, seconds: 10 });
      app.navigate('/signin');
    });
  return true;
}
