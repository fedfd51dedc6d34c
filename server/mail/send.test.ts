/**
 * Mail through a real SMTP server started here (./testing: smtp-server on 127.0.0.1, PLAIN auth with a password that
 * needs URL encoding, no TLS), read back with mailparser: every template arrives with its From, To, Subject, link or
 * code in both HTML and text; user data is escaped; a refusing, absent or silent server makes sendMail throw (so the
 * job retries); a recipient that could add a header or a second recipient is refused before anything is sent;
 * nothing secret is logged. Without SMTP_URL the message lands in the dev mailbox, which keeps the newest
 * DEV_MAILBOX_KEEP.
 */
import { once } from "node:events";
import { type AddressInfo, createServer, type Server } from "node:net";
import { desc, eq } from "drizzle-orm";
import fc from "fast-check";
import type { ParsedMail } from "mailparser";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { devMail } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing/test-db";
import { captureLogs } from "@/server/core/logging/testing";
import type { MailTemplateName, MailTemplateProps } from "./templates";
import { recipientOf, startTestSmtp, type TestSmtp } from "./testing";

const FROM = "Atrium Tests <no-reply@atrium.test>";
const LINK = "https://app.atrium.test/verify?token=tok_0123456789abcdef";
const CODE = "493817";

/** Every template with props whose link or code the message must carry. */
const samples: { [N in MailTemplateName]: MailTemplateProps<N> } = {
  "verify-email": { name: "Ada", url: LINK, expiresInMinutes: 60 },
  "sign-up-attempt": { name: "Ada", signInUrl: LINK, resetUrl: "https://app.atrium.test/forgot-password" },
  "password-reset": { name: "Ada", url: LINK, expiresInMinutes: 30 },
  "password-changed": { name: "Ada", when: "3 May 2026, 14:05 UTC", ip: "203.0.113.9", resetUrl: LINK },
  "email-change-confirm": { name: "Ada", newEmail: "ada@new.test", url: LINK, expiresInMinutes: 60 },
  "email-changed": { name: "Ada", newEmail: "ada@new.test" },
  "sign-in-code": { name: "Ada", code: CODE, url: LINK, expiresInMinutes: 10 },
  "new-sign-in": { name: "Ada", browser: "Firefox on Linux", ip: "203.0.113.9", when: "today", securityUrl: LINK },
  "two-factor-changed": { name: "Ada", change: "turned on" },
  "account-deleted": { name: "Ada" },
};

/** What each template's message must contain, besides the greeting. */
const mustCarry: Record<MailTemplateName, string[]> = {
  "verify-email": [LINK, "60 minutes"],
  "sign-up-attempt": [LINK, "https://app.atrium.test/forgot-password"],
  "password-reset": [LINK, "30 minutes"],
  "password-changed": [LINK, "203.0.113.9", "3 May 2026, 14:05 UTC", "signed out"],
  "email-change-confirm": [LINK, "ada@new.test"],
  "email-changed": ["ada@new.test"],
  "sign-in-code": [CODE, LINK, "10 minutes"],
  "new-sign-in": [LINK, "Firefox on Linux", "203.0.113.9"],
  "two-factor-changed": ["turned on"],
  "account-deleted": ["deleted"],
};

/**
 * ./send as a process with this SMTP_URL (or none) starts it: env() reads the environment once per process, so the
 * modules are loaded afresh after changing it.
 */
async function loadSend(smtpUrl: string | undefined) {
  const { closeMailTransport } = await import("./send");
  closeMailTransport();
  if (smtpUrl) process.env.SMTP_URL = smtpUrl;
  else delete process.env.SMTP_URL;
  process.env.MAIL_FROM = FROM;
  vi.resetModules();
  return import("./send");
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const textOf = (mail: ParsedMail) => mail.text ?? "";
const htmlOf = (mail: ParsedMail) => (typeof mail.html === "string" ? mail.html : "");

let t: TestDatabase;
let smtp: TestSmtp;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startTestSmtp();
});
afterAll(async () => {
  const { closeMailTransport } = await import("./send");
  closeMailTransport();
  await smtp.close();
  await t.drop();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("sendMail over SMTP", () => {
  it.each(Object.keys(samples) as MailTemplateName[])(
    "delivers %s with its link or code in HTML and text",
    async (template) => {
      const { sendMail, mailTransportKind } = await loadSend(smtp.url);
      expect(mailTransportKind()).toBe("smtp");
      const to = `${template}@inbox.test`;
      const sent = await sendMail(t.db, { to, template, props: samples[template] } as Parameters<typeof sendMail>[1]);
      expect(sent.via).toBe("smtp");

      const mail = smtp.received.find((m) => recipientOf(m) === to);
      expect(mail, "the message reached the SMTP server").toBeDefined();
      if (!mail) return;
      expect(mail.from?.value).toEqual([{ name: "Atrium Tests", address: "no-reply@atrium.test" }]);
      expect(mail.subject).toMatch(/^[A-Z].{5,}$/);
      if (template === "verify-email") expect(mail.subject).toBe("Confirm your email address");
      const html = htmlOf(mail);
      const text = textOf(mail);
      expect(html).toMatch(/^<!DOCTYPE html/);
      for (const needle of ["Hi Ada,", ...mustCarry[template]]) {
        expect(html, `HTML of ${template}`).toContain(needle);
        expect(text, `text of ${template}`).toContain(needle);
      }
      expect(text, "plain text has no tags").not.toMatch(/<\/?[a-z][^>]*>/i);
      // The inbox preview line is for HTML readers; the text version starts with what the message says.
      expect(text.startsWith("Atrium")).toBe(true);
    },
  );

  it("escapes user data in the HTML: a hostile name or address is text, not markup", async () => {
    const { sendMail } = await loadSend(smtp.url);
    const name = `<script>alert("x")</script><img src=x onerror=alert(1)> & "Bob"`;
    const newEmail = `"><a href="https://evil.test">click</a>@x.test`;
    const url = `https://app.atrium.test/confirm?token=a" onclick="alert(1)`;
    await sendMail(t.db, {
      to: "hostile@inbox.test",
      template: "email-change-confirm",
      props: { name, newEmail, url, expiresInMinutes: 5 },
    });
    const mail = smtp.received.find((m) => recipientOf(m) === "hostile@inbox.test");
    const html = htmlOf(mail as ParsedMail);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain('<a href="https://evil.test"');
    expect(html).not.toContain('" onclick="');
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("onclick=&quot;alert(1)");
    // The text version is text/plain: the name reads as it was written there.
    expect(textOf(mail as ParsedMail)).toContain(name);
  });

  it("throws when the server refuses the recipient (550), so the job retries", async () => {
    const refusing = await startTestSmtp({ refuse: true });
    try {
      const { sendMail } = await loadSend(refusing.url);
      await expect(
        sendMail(t.db, { to: "nobody@inbox.test", template: "account-deleted", props: { name: "Ada" } }),
      ).rejects.toThrow(/550|rejected/i);
      expect(refusing.received).toEqual([]);
    } finally {
      await refusing.close();
    }
  });

  it("throws when the password is wrong", async () => {
    const wrong = new URL(smtp.url);
    wrong.password = "wrong";
    const { sendMail } = await loadSend(wrong.toString());
    await expect(
      sendMail(t.db, { to: "auth@inbox.test", template: "account-deleted", props: { name: "Ada" } }),
    ).rejects.toThrow(/auth|credentials|535/i);
  });

  it("throws at once when nothing listens on the port", async () => {
    const { sendMail } = await loadSend(`smtp://mailer:x@127.0.0.1:${await freePort()}`);
    const started = Date.now();
    await expect(
      sendMail(t.db, { to: "down@inbox.test", template: "account-deleted", props: { name: "Ada" } }),
    ).rejects.toThrow(/ECONNREFUSED|connect/i);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("throws within the greeting timeout when the server accepts the connection and never answers", async () => {
    const sockets: import("node:net").Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket)).listen(0, "127.0.0.1");
    await once(silent, "listening");
    try {
      const { port } = silent.address() as AddressInfo;
      const { sendMail } = await loadSend(`smtp://mailer:x@127.0.0.1:${port}`);
      const started = Date.now();
      await expect(
        sendMail(t.db, { to: "silent@inbox.test", template: "account-deleted", props: { name: "Ada" } }),
      ).rejects.toThrow(/greeting|timeout/i);
      // The greeting timeout is 10 s; a job attempt (1 min) is never held much longer than that.
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 25_000);

  it("logs the template and the recipient's domain only: never the address, a subject, a link or a code", async () => {
    const { sendMail } = await loadSend(smtp.url);
    const logs = captureLogs();
    try {
      await sendMail(t.db, { to: "secretive@inbox.test", template: "sign-in-code", props: samples["sign-in-code"] });
      expect(logs.entries().map((line) => [line.area, line.msg])).toEqual([
        ["mail", "sign-in-code to @inbox.test: sent over SMTP"],
      ]);
      expect(logs.text()).not.toContain("secretive");
    } finally {
      logs.restore();
    }
  });
});

describe("the recipient", () => {
  const hostile = [
    "a@inbox.test\r\nBcc: b@inbox.test",
    "a@inbox.test\nSubject: hi",
    "a@inbox.test, b@inbox.test",
    "a@inbox.test;b@inbox.test",
    "Ada <a@inbox.test>",
    "a@inbox.test\r",
    "",
    "not an address",
  ];

  it.each(hostile)("refuses %j before anything is sent", async (to) => {
    const { sendMail } = await loadSend(smtp.url);
    const before = smtp.received.length;
    await expect(sendMail(t.db, { to, template: "account-deleted", props: { name: "Ada" } })).rejects.toThrow(
      "one email address",
    );
    expect(smtp.received.length).toBe(before);
  });

  it("is refused whenever a line break, comma, semicolon or angle bracket is put into an address", async () => {
    const { mailAddress } = await loadSend(smtp.url);
    await fc.assert(
      fc.property(
        fc.emailAddress(),
        fc.constantFrom("\r", "\n", "\r\n", ",", ";", "<", ">", " "),
        fc.nat(),
        (address, bad, at) => {
          const i = at % (address.length + 1);
          expect(mailAddress.safeParse(`${address.slice(0, i)}${bad}${address.slice(i)}`).success).toBe(false);
        },
      ),
    );
  });
});

describe("sendMail without SMTP_URL", () => {
  it("keeps the message in the dev mailbox", async () => {
    const { sendMail, mailTransportKind } = await loadSend(undefined);
    expect(mailTransportKind()).toBe("dev-mailbox");
    const sent = await sendMail(t.db, {
      to: "dev@inbox.test",
      template: "sign-in-code",
      props: samples["sign-in-code"],
    });
    expect(sent.via).toBe("dev-mailbox");
    const [row] = await t.db.select().from(devMail).where(eq(devMail.id, sent.id));
    expect(row).toMatchObject({
      to: "dev@inbox.test",
      from: FROM,
      subject: "Your sign-in code",
      template: "sign-in-code",
    });
    expect(row?.html).toContain(CODE);
    expect(row?.html).toContain(LINK);
    expect(row?.text).toContain(CODE);
    expect(row?.text).not.toMatch(/<\/?[a-z][^>]*>/i);
  });

  it("keeps only the newest messages", async () => {
    const { sendMail, DEV_MAILBOX_KEEP } = await loadSend(undefined);
    const old = new Date(Date.now() - 86_400_000);
    await t.db.insert(devMail).values(
      Array.from({ length: DEV_MAILBOX_KEEP + 20 }, (_, i) => ({
        to: `old${i}@inbox.test`,
        from: FROM,
        subject: "Old",
        html: "<p>old</p>",
        text: "old",
        template: "account-deleted",
        createdAt: new Date(old.getTime() + i * 1_000),
      })),
    );
    // The first message a process keeps prunes the mailbox.
    const sent = await sendMail(t.db, { to: "newest@inbox.test", template: "account-deleted", props: { name: "Ada" } });
    const rows = await t.db.select({ id: devMail.id, to: devMail.to }).from(devMail).orderBy(desc(devMail.createdAt));
    expect(rows.length).toBe(DEV_MAILBOX_KEEP);
    expect(rows[0]?.id).toBe(sent.id);
    expect(rows.map((r) => r.to)).not.toContain("old0@inbox.test");
  });
});
