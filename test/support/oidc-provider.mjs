// A real OpenID Connect provider (the `oidc-provider` package) for the sign-in e2e specs, run by
// the spec as a child process (oidc-provider is an ES module) on a loopback port chosen by the
// system. The parent talks to it over the IPC channel:
//   parent → child: { type: 'account', id, claims }   an account the next sign-ins may use
//   child → parent: { type: 'ready', issuer }          once listening
// Interactions are automatic: the `login_hint` the spec appends to the authorization URL names
// the account that signs in (and consents); `login_hint=deny` refuses, as a person clicking
// "cancel" would.
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
      const { params } = await provider.interactionDetails(req, res);
      const accountId = String(params.login_hint ?? 'nobody');
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
});
