/** What a user's sealed TOTP secret is bound to (see SecretCipher): its column and its row. */
export const twoFactorSecretContext = (userId: string) => `users.twoFactorSecret:${userId}`;
