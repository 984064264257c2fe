// A real OpenID Connect provider (the `oidc-provider` package) for the sign-in e2e specs, run by
// the spec as a child process (oidc-provider is an ES module) on a loopback port chosen by the
// system. The parent talks to it over the IPC channel:
//   parent → child: { type: 'account', id, claims }   an account the next sign-ins may use
//   child → parent: { type: 'ready', issuer }          once listening
// With a `login_hint` (the e2e specs append one to the authorization URL), interactions are
// automatic: it names the account that signs in (and consents); `login_hint=deny` refuses, as a
// person clicking "cancel" would. Without one (a browser test), the provider shows its pages as
// a real one does: a sign-in form (the account's id), then a consent page (Allow or Deny).
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const redirectUri = process.env.OIDC_REDIRECT_URI;
const accounts = new Map();

process.on('message', (message) => {
  if (message?.type === 'account') accounts.set(message.id, message.claims);
});
process.on('disconnect', () => process.exit(0));

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'arena',
        client_secret: 'arena-test-secret',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username', 'nickname'],
    },
    cookies: { keys: ['arena-e2e-cookie-key'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    findAccount: (ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, ...(accounts.get(id) ?? {}) }),
    }),
  });
  const callback = provider.callback();
  server.on('request', async (req, res) => {
    if (!req.url.startsWith('/interaction/')) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      const { params } = details;
      if (params.login_hint === undefined) return await interactWithPerson(req, res, details);
      const accountId = String(params.login_hint);
      if (accountId === 'deny') {
        return await provider.interactionFinished(
          req,
          res,
          { error: 'access_denied', error_description: 'The person said no' },
          { mergeWithLastSubmission: false },
        );
      }
      const grant = new provider.Grant({ accountId, clientId: String(params.client_id) });
      grant.addOIDCScope(String(params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  process.send({ type: 'ready', issuer });

  /** The provider's own pages, for a person in a browser: sign in, then consent. */
  async function interactWithPerson(req, res, details) {
    const { uid, prompt, params } = details;
    if (req.method === 'GET') {
      return prompt.name === 'login' ? signInPage(res, uid) : consentPage(res, uid, params.scope);
    }
    const form = new URLSearchParams(await bodyOf(req));
    if (prompt.name === 'login') {
      const accountId = form.get('account')?.trim();
      if (!accountId) return signInPage(res, uid);
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId } },
        { mergeWithLastSubmission: false },
      );
    }
    if (form.get('decision') !== 'allow') {
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The person said no' },
        { mergeWithLastSubmission: false },
      );
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({
          accountId: details.session.accountId,
          clientId: String(params.client_id),
        });
    const missing = prompt.details.missingOIDCScope;
    if (missing) grant.addOIDCScope(missing.join(' '));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(
      req,
      res,
      { consent: details.grantId ? {} : { grantId } },
      { mergeWithLastSubmission: true },
    );
  }
});

function signInPage(res, uid) {
  page(
    res,
    'Sign in to the test provider',
    `<form method="post" action="/interaction/${escape(uid)}">
      <label>Account <input name="account" autocomplete="username" required></label>
      <button type="submit">Continue</button>
    </form>`,
  );
}

function consentPage(res, uid, scope) {
  page(
    res,
    'Allow Arena to know who you are?',
    `<p>Arena asks for: ${escape(String(scope))}</p>
    <form method="post" action="/interaction/${escape(uid)}">
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny">Deny</button>
    </form>`,
  );
}

function page(res, title, body) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
      // No favicon request (a 404 the browser tests would count).
      `<link rel="icon" href="data:,"></head>` +
      `<body><main><h1>${title}</h1>${body}</main></body></html>`,
  );
}

function escape(text) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function bodyOf(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 10_000) req.destroy(new Error('form too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
