// A real OpenID Connect provider for the single sign-on tests (the npm package oidc-provider).
//
// Usage: node tests/sso/provider.mjs CONFIG.json
// CONFIG holds {"client": {client_id, client_secret, redirect_uris, post_logout_redirect_uris},
// "accounts": {"<login>": {claims...}}}. The provider listens on 127.0.0.1 on a free port and
// prints one JSON line with its issuer when it is ready. The accounts are read from CONFIG at
// every sign-in, so a test changes a user's groups at the provider by rewriting the file.
//
// The login and consent pages are the package's own (its development interactions): the login
// form takes an account name from CONFIG; the password is not checked.
//
// The granted claims go in the ID token and the userinfo response alike; claims listed in
// CONFIG's "id_token_only" are left out of the userinfo response, as Microsoft Entra ID does with
// the groups and preferred_username.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const configPath = process.argv[2];
const readConfig = () => JSON.parse(readFileSync(configPath, 'utf8'));
const { client } = readConfig();

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{ ...client, token_endpoint_auth_method: 'client_secret_post' }],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['a-key-for-the-test-provider-only'] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      groups: ['groups'],
    },
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    async findAccount(ctx, sub) {
      const config = readConfig();
      const account = config.accounts[sub];
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims(use) {
          const claims = { sub, ...account };
          if (use === 'userinfo') {
            for (const name of config.id_token_only || []) delete claims[name];
          }
          return claims;
        },
      };
    },
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
