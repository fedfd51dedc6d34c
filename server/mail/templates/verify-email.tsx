import { Action, APP_NAME, Greeting, MailLayout, Note, Paragraph } from "./layout";

export interface VerifyEmailProps {
  name: string;
  /** The confirmation link (absolute). */
  url: string;
  expiresInMinutes: number;
}

/** To a new account's address (or one that asked again): confirm the address is theirs. */
export function VerifyEmail({ name, url, expiresInMinutes }: VerifyEmailProps) {
  return (
    <MailLayout
      preview={`Confirm your email address to finish setting up your ${APP_NAME} account.`}
      heading="Confirm your email address"
    >
      <Greeting name={name} />
      <Paragraph>{`Please confirm that this is your email address, so you can use everything ${APP_NAME} offers.`}</Paragraph>
      <Action href={url}>Confirm email address</Action>
      <Note>{`The link works once, for ${expiresInMinutes} minutes.`}</Note>
      <Note>{`If you didn't sign up for ${APP_NAME}, you can ignore this email: the address stays unconfirmed.`}</Note>
    </MailLayout>
  );
}
