/** What an authenticator app shows, computed from the setup key on the page (RFC 6238: SHA-1, 30 s, 6 digits). */
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";

/** How much of its step must be left for `first()` to give the previous step's code (it must reach the server in it). */
const SPARE_MS = 10_000;

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
   * A first code with steps to spare: the previous step's (the server accepts one step behind the clock, as for an
   * app whose clock runs a little slow) while at least `SPARE_MS` of the current step are left to reach the server
   * in, else the current step's. The codes after it then come from the current and the next step without waiting
   * for the clock; a first code from the current step left a third one within the same 30 s to wait up to 30 s.
   */
  first(): string {
    const now = Date.now();
    const current = Math.floor(now / 30_000);
    const left = (current + 1) * 30_000 - now;
    const step = Math.max(left >= SPARE_MS ? current - 1 : current, this.lastStep + 1);
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
