import { APP_NAME, Greeting, MailLayout, Note, Paragraph } from "./layout";

export interface EmailChangedProps {
  name: string;
  newEmail: string;
}

/** To the OLD address, once the change is done: the last mail this address gets about the account. */
export function EmailChanged({ name, newEmail }: EmailChangedProps) {
  return (
    <MailLayout
      preview={`The email address of your ${APP_NAME} account is now ${newEmail}.`}
      heading="Your email address was changed"
    >
      <Greeting name={name} />
      <Paragraph>
        {`The email address of your ${APP_NAME} account was changed to ${newEmail}. From now on, mail about your account goes there, and you sign in with it.`}
      </Paragraph>
      <Paragraph>If this was you, there is nothing else to do.</Paragraph>
      <Note>
        {`If you didn't make this change, someone else may be using your account: contact the ${APP_NAME} team or your administrator right away.`}
      </Note>
    </MailLayout>
  );
}
