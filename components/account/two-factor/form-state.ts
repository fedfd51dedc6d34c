/** What a two-factor server action answers, for the security page's forms to render. */
export interface TwoFactorFormState {
  /** A problem with the whole attempt (a rate limit, a setup that is no longer open), shown above the button. */
  formError?: string;
  /** What is wrong with the typed code, shown under the field. */
  codeError?: string;
  /** What just happened, when nothing else on the page says it ("Two-factor authentication is off."). */
  notice?: string;
  /** Recovery codes just made: shown this once. */
  recoveryCodes?: string[];
  /** Tells one success from the next, so a dismissed set of codes stays dismissed and a new one shows. */
  issued?: number;
}
