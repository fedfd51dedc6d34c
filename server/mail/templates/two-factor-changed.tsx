import { APP_NAME, Greeting, MailLayout, Note, Paragraph } from "./layout";

export interface TwoFactorChangedProps {
  name: string;
  /** What happened, to finish "Two-factor authentication was ...": "turned on", "turned off", "reset by an admin". */
  change: string;
}

export function TwoFactorChanged({ name, change }: TwoFactorChangedProps) {
  return (
    <MailLayout
      preview={`A change to two-factor authentication on your ${APP_NAME} account: ${change}.`}
      heading="Two-factor authentication changed"
    >
      <Greeting name={name} />
      <Paragraph>{`Two-factor authentication on your ${APP_NAME} account was changed: ${change}.`}</Paragraph>
      <Paragraph>If this was you, there is nothing else to do.</Paragraph>
      <Note>
        {`If it wasn't you, change your password and check your account's security settings right away, or ask your ${APP_NAME} administrator for help.`}
      </Note>
    </MailLayout>
  );
}
