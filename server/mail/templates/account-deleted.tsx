import { APP_NAME, Greeting, MailLayout, Note, Paragraph } from "./layout";

export interface AccountDeletedProps {
  name: string;
}

export function AccountDeleted({ name }: AccountDeletedProps) {
  return (
    <MailLayout preview={`Your ${APP_NAME} account was deleted.`} heading="Your account was deleted">
      <Greeting name={name} />
      <Paragraph>{`Your ${APP_NAME} account was deleted, as you asked. You can no longer sign in with it.`}</Paragraph>
      <Paragraph>Thank you for the time you spent with us.</Paragraph>
      <Note>{`If you didn't ask for this, contact the ${APP_NAME} team or your administrator right away.`}</Note>
    </MailLayout>
  );
}
