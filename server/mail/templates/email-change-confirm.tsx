import { Action, APP_NAME, Greeting, MailLayout, Note, Paragraph } from "./layout";

export interface EmailChangeConfirmProps {
  name: string;
  newEmail: string;
  /** The confirmation link (absolute). */
  url: string;
  expiresInMinutes: number;
}

/** To the NEW address: the change happens only once its owner confirms it. */
export function EmailChangeConfirm({ name, newEmail, url, expiresInMinutes }: EmailChangeConfirmProps) {
  return (
    <MailLayout
      preview={`Confirm ${newEmail} as the new email address of your ${APP_NAME} account.`}
      heading="Confirm your new email address"
    >
      <Greeting name={name} />
      <Paragraph>{`You asked to change the email address of your ${APP_NAME} account to ${newEmail}. Confirm it's yours:`}</Paragraph>
      <Action href={url}>Confirm new address</Action>
      <Note>{`The link works once, for ${expiresInMinutes} minutes. Until you confirm, your account keeps its current address.`}</Note>
      <Note>If you didn't ask for this, you can ignore this email: nothing will change.</Note>
    </MailLayout>
  );
}
