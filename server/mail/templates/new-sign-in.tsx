import { Action, APP_NAME, Details, Greeting, MailLayout, Paragraph } from "./layout";

export interface NewSignInProps {
  name: string;
  /** The browser and system, as read from its User-Agent ("Firefox on Windows"). */
  browser: string;
  ip: string;
  /** When, already written for people. */
  when: string;
  /** The account's security page, where sessions are listed and signed out. */
  securityUrl: string;
}

export function NewSignIn({ name, browser, ip, when, securityUrl }: NewSignInProps) {
  return (
    <MailLayout
      preview={`Your ${APP_NAME} account was signed in to from ${browser}.`}
      heading="New sign-in to your account"
    >
      <Greeting name={name} />
      <Paragraph>{`Your ${APP_NAME} account was just signed in to from a browser it hasn't used before.`}</Paragraph>
      <Details
        rows={[
          ["Browser", browser],
          ["IP address", ip],
          ["When", when],
        ]}
      />
      <Paragraph>If this was you, there is nothing to do.</Paragraph>
      <Paragraph>If it wasn't you, sign that session out and change your password:</Paragraph>
      <Action href={securityUrl}>Review your sessions</Action>
    </MailLayout>
  );
}
