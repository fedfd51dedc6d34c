/**
 * The first admin of the e2e server (passed as ADMIN_EMAIL / ADMIN_PASSWORD by ./server.ts), so specs can sign in as
 * the seeded Ada Admin. Not the development default: the server runs in production mode, which refuses that.
 */
export const E2E_ADMIN = { email: "admin@example.com", password: "e2e-admin-password-7f3c" } as const;
