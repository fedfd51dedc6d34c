/** What an authenticator app shows, computed from the setup key on the page (RFC 6238: SHA-1, 30 s, 6 digits). */
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";

export class Authenticator {
  private key: Uint8Array;
  private lastStep = -1;
  constructor(manualKey: string) {
    this.key = decodeBase32IgnorePadding(manualKey.replaceAll(" ", ""));
  }
  /**
   * A code the server has not seen: the current step's, or a later one's (the server accepts one step ahead), since
   * each step's code works once.
   */
  next(): string {
    const step = Math.max(Math.floor(Date.now() / 30_000), this.lastStep + 1);
    this.lastStep = step;
    return generateHOTP(this.key, BigInt(step), 6);
  }

  /**
   * Like `next()`, but never more than one step ahead of the clock (the most the server accepts): after several
   * codes within one 30 s window it waits, as a person would, for the app to show a new one.
   */
  async fresh(): Promise<string> {
    const current = () => Math.floor(Date.now() / 30_000);
    while (this.lastStep + 1 > current() + 1) await new Promise((resolve) => setTimeout(resolve, 250));
    return this.next();
  }
}
