/** Emails are stored lower-cased and trimmed (users_email_unique relies on it), so every lookup normalises first. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
