import { Action, APP_NAME, Details, Greeting, MailLayout, Paragraph } from "./layout";

export interface PasswordChangedProps {
  name: string;
  /** When it changed, already written for people ("3 May 2026, 14:05 UTC"). */
  when: string;
  ip: string;
  resetUrl: string;
}

export function PasswordChanged({ name, when, ip, resetUrl }: PasswordChangedProps) {
  return (
    <MailLayout
      preview={`The password of your ${APP_NAME} account was changed, and every other session was signed out.`}
      heading="Your password was changed"
    >
      <Greeting name={name} />
      <Paragraph>
        {`The password of your ${APP_NAME} account was just changed, and every other session was signed out.`}
      </Paragraph>
      <Details
        rows={[
          ["When", when],
          ["IP address", ip],
        ]}
      />
      <Paragraph>If this was you, there is nothing else to do.</Paragraph>
      <Paragraph>If it wasn't you, reset your password now to lock the other person out:</Paragraph>
      <Action href={resetUrl}>Reset your password</Action>
    </MailLayout>
  );
}
