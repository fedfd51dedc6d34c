import { Action, APP_NAME, Code, Greeting, MailLayout, Note, Paragraph } from "./layout";

export interface SignInCodeProps {
  name: string;
  /** The 6-digit one-time code. */
  code: string;
  /** The magic link (absolute) that signs in without typing the code. */
  url: string;
  expiresInMinutes: number;
}

export function SignInCode({ name, code, url, expiresInMinutes }: SignInCodeProps) {
  return (
    <MailLayout
      preview={`Your code to sign in to ${APP_NAME}. It works for ${expiresInMinutes} minutes.`}
      heading="Your sign-in code"
    >
      <Greeting name={name} />
      <Paragraph>{`Enter this code to sign in to ${APP_NAME}:`}</Paragraph>
      <Code>{code}</Code>
      <Paragraph>Or sign in with one click:</Paragraph>
      <Action href={url}>{`Sign in to ${APP_NAME}`}</Action>
      <Note>{`The code and the link work once, for ${expiresInMinutes} minutes. Never share them with anyone.`}</Note>
      <Note>If you didn't try to sign in, you can ignore this email: no one can sign in without the code.</Note>
    </MailLayout>
  );
}
