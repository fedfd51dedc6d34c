import { Action, APP_NAME, Greeting, InlineLink, MailLayout, Note, Paragraph } from "./layout";

export interface SignUpAttemptProps {
  name: string;
  signInUrl: string;
  resetUrl: string;
}

/**
 * To an existing account when someone signs up with its address: sign-up answers the same either way (no one learns
 * which addresses have accounts), so the owner hears about it here instead.
 */
export function SignUpAttempt({ name, signInUrl, resetUrl }: SignUpAttemptProps) {
  return (
    <MailLayout
      preview={`Someone tried to create a ${APP_NAME} account with your email address. You already have one.`}
      heading="Someone tried to sign up with your email"
    >
      <Greeting name={name} />
      <Paragraph>
        {`Someone just tried to create a new ${APP_NAME} account with this email address. You already have an account, so no new one was made.`}
      </Paragraph>
      <Paragraph>If it was you, sign in to your account instead:</Paragraph>
      <Action href={signInUrl}>Sign in</Action>
      <Paragraph>
        Forgot your password? <InlineLink href={resetUrl}>Reset your password</InlineLink>.
      </Paragraph>
      <Note>If it wasn't you, you don't need to do anything: your account is safe and nothing was changed.</Note>
    </MailLayout>
  );
}
