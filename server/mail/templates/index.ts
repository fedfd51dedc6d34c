/**
 * Every message the app sends: a name, its subject and its React component (docs/email.md). To add one, write the
 * component beside the others (a `MailLayout` around the parts in ./layout) and list it here; its props type comes
 * from the component, so `sendMail` and `enqueueMail` check the props of each template at the call.
 */
import type { ReactElement } from "react";
import { AccountDeleted } from "./account-deleted";
import { EmailChangeConfirm } from "./email-change-confirm";
import { EmailChanged } from "./email-changed";
import { NewSignIn } from "./new-sign-in";
import { PasswordChanged } from "./password-changed";
import { PasswordReset } from "./password-reset";
import { SignInCode } from "./sign-in-code";
import { SignUpAttempt } from "./sign-up-attempt";
import { TwoFactorChanged } from "./two-factor-changed";
import { VerifyEmail } from "./verify-email";

export interface MailTemplate<P> {
  subject: (props: P) => string;
  component: (props: P) => ReactElement;
}

/** Ties a subject to its component so the subject's props are the component's. */
function template<P>(component: (props: P) => ReactElement, subject: (props: P) => string): MailTemplate<P> {
  return { subject, component };
}

export const mailTemplates = {
  "verify-email": template(VerifyEmail, () => "Confirm your email address"),
  "sign-up-attempt": template(SignUpAttempt, () => "Someone tried to sign up with your email address"),
  "password-reset": template(PasswordReset, () => "Reset your password"),
  "password-changed": template(PasswordChanged, () => "Your password was changed"),
  "email-change-confirm": template(EmailChangeConfirm, () => "Confirm your new email address"),
  "email-changed": template(EmailChanged, () => "Your email address was changed"),
  "sign-in-code": template(SignInCode, () => "Your sign-in code"),
  "new-sign-in": template(NewSignIn, () => "New sign-in to your account"),
  "two-factor-changed": template(TwoFactorChanged, () => "Two-factor authentication changed"),
  "account-deleted": template(AccountDeleted, () => "Your account was deleted"),
} as const;

export type MailTemplateName = keyof typeof mailTemplates;

/** The props of one template, as its component declares them. */
export type MailTemplateProps<N extends MailTemplateName> = Parameters<(typeof mailTemplates)[N]["component"]>[0];

export const mailTemplateNames = Object.keys(mailTemplates) as [MailTemplateName, ...MailTemplateName[]];
