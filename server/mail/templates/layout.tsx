/**
 * The look of every message: restyle mail here. Each template is a `MailLayout` around a few of the parts below, so a
 * colour, a font or the footer changes in one place. Mail clients ignore stylesheets and classes, so styles are
 * inline objects (React Email writes them into each element's `style`).
 */
// Each part from its own package, not the @react-email/components barrel: the barrel also loads its code block's
// syntax highlighter (prismjs, every language), and this module is imported wherever the app's router is (the job
// queue names the templates): about 0.3 s of every process's start, and of every test file's, for nothing.
import { Body } from "@react-email/body";
import { Button } from "@react-email/button";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Heading } from "@react-email/heading";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { Text } from "@react-email/text";
import type { CSSProperties, ReactNode } from "react";
import { appConfig } from "@/atrium.config";

const font =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji"';

const styles = {
  body: { backgroundColor: "#f4f4f5", fontFamily: font, margin: 0, padding: "24px 0" },
  container: {
    backgroundColor: "#ffffff",
    border: "1px solid #e4e4e7",
    borderRadius: "8px",
    margin: "0 auto",
    maxWidth: "520px",
    padding: "32px 28px",
  },
  brand: { color: appConfig.accent, fontSize: "14px", fontWeight: 700, letterSpacing: "0.02em", margin: "0 0 16px" },
  heading: { color: "#18181b", fontSize: "22px", fontWeight: 700, lineHeight: "28px", margin: "0 0 16px" },
  paragraph: { color: "#27272a", fontSize: "15px", lineHeight: "24px", margin: "0 0 16px" },
  button: {
    backgroundColor: appConfig.accent,
    borderRadius: "6px",
    color: "#ffffff",
    display: "inline-block",
    fontSize: "15px",
    fontWeight: 600,
    padding: "12px 20px",
    textDecoration: "none",
  },
  fallback: { color: "#52525b", fontSize: "13px", lineHeight: "20px", margin: "16px 0" },
  link: { color: appConfig.accent, textDecoration: "underline" },
  // A long address may break anywhere; the sentence around it breaks between words.
  fallbackLink: { color: appConfig.accent, textDecoration: "underline", wordBreak: "break-all" },
  code: {
    backgroundColor: "#f4f4f5",
    borderRadius: "6px",
    color: "#18181b",
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    fontSize: "30px",
    fontWeight: 700,
    letterSpacing: "0.3em",
    margin: "0 0 16px",
    padding: "12px 0",
    textAlign: "center",
  },
  details: { color: "#27272a", fontSize: "14px", lineHeight: "22px", margin: "0 0 16px" },
  note: { color: "#52525b", fontSize: "13px", lineHeight: "20px", margin: "0 0 12px" },
  hr: { borderColor: "#e4e4e7", margin: "24px 0 16px" },
  footer: { color: "#71717a", fontSize: "12px", lineHeight: "18px", margin: 0 },
} satisfies Record<string, CSSProperties>;

/** The page around a message: the preview line inboxes show, the app's name, one heading, the footer. */
export function MailLayout({ preview, heading, children }: { preview: string; heading: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>{appConfig.name}</Text>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          <Hr style={styles.hr} />
          <Text style={styles.footer}>
            {`An automatic message from ${appConfig.name} about your account. Replies to it are not read.`}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** "Hi Ada," */
export function Greeting({ name }: { name: string }) {
  return <Text style={styles.paragraph}>{`Hi ${name},`}</Text>;
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.paragraph}>{children}</Text>;
}

/**
 * The one thing to do, as a button, with the address spelled out for clients that show no buttons. The plain-text
 * version keeps the button's label and address and skips the spelled-out copy.
 */
export function Action({ href, children }: { href: string; children: ReactNode }) {
  return (
    <>
      <Button href={href} style={styles.button}>
        {children}
      </Button>
      <Text style={styles.fallback} data-skip-in-text="true">
        If the button does not work, copy this address into your browser:{" "}
        <Link href={href} style={styles.fallbackLink}>
          {href}
        </Link>
      </Text>
    </>
  );
}

/** A link inside a sentence. */
export function InlineLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} style={styles.link}>
      {children}
    </Link>
  );
}

/** A one-time code, large and spaced so it reads (and copies) at a glance. */
export function Code({ children }: { children: string }) {
  return <Text style={styles.code}>{children}</Text>;
}

/** "Label: value" lines, e.g. the browser and address of a sign-in. */
export function Details({ rows }: { rows: [label: string, value: string][] }) {
  return (
    <Text style={styles.details}>
      {rows.map(([label, value], i) => (
        <span key={label}>
          {i > 0 ? <br /> : null}
          <strong>{`${label}:`}</strong> {value}
        </span>
      ))}
    </Text>
  );
}

/** Small print: how long a link lasts, what to do if it was not you. */
export function Note({ children }: { children: ReactNode }) {
  return <Text style={styles.note}>{children}</Text>;
}

/** The app's name, for sentences in templates. */
export const APP_NAME = appConfig.name;
