import { Action, APP_NAME, Greeting, MailLayout, Note, Paragraph } from "./layout";

export interface PasswordResetProps {
  name: string;
  /** The reset link (absolute): a credential until it is used or expires. */
  url: string;
  expiresInMinutes: number;
}

export function PasswordReset({ name, url, expiresInMinutes }: PasswordResetProps) {
  return (
    <MailLayout preview={`Choose a new password for your ${APP_NAME} account.`} heading="Reset your password">
      <Greeting name={name} />
      <Paragraph>{`We got a request to reset the password of your ${APP_NAME} account. Choose a new one here:`}</Paragraph>
      <Action href={url}>Choose a new password</Action>
      <Note>{`The link works once, for ${expiresInMinutes} minutes. Setting a new password signs you out everywhere else.`}</Note>
      <Note>If you didn't ask for this, you can ignore this email: your password stays the same.</Note>
    </MailLayout>
  );
}
