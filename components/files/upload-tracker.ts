/**
 * The uploads a form is waiting for. File widgets report each upload's start and end here; the form's submit asks
 * `whenIdle()` first, so a save never goes out while a file is still on its way (the value would miss it), and knows
 * whether one of them failed meanwhile (then it does not save at all). Plain, so it is tested without React.
 */
import { createContext, useContext } from "react";

export interface UploadsSettled {
  /** Uploads that were running when `whenIdle` was asked and then failed or were cancelled. */
  failed: number;
}

export class UploadTracker {
  private running = new Map<string, string>();
  private waiters: { pending: Set<string>; failed: number; resolve: (settled: UploadsSettled) => void }[] = [];
  private listeners = new Set<() => void>();

  /** An upload for `field` began; `key` names it until it ends. */
  start(key: string, field: string) {
    this.running.set(key, field);
    this.emit();
  }

  /** An upload ended: stored (`ok`), or refused, failed or cancelled. Unknown keys are ignored. */
  end(key: string, ok: boolean) {
    if (!this.running.delete(key)) return;
    for (const waiter of this.waiters) {
      if (waiter.pending.delete(key) && !ok) waiter.failed++;
    }
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.pending.size > 0) return true;
      waiter.resolve({ failed: waiter.failed });
      return false;
    });
    this.emit();
  }

  /** How many uploads are running (for one field, or all). */
  count(field?: string): number {
    if (field === undefined) return this.running.size;
    return [...this.running.values()].filter((f) => f === field).length;
  }

  /** The fields with uploads running, each once. */
  fields(): string[] {
    return [...new Set(this.running.values())];
  }

  /** Resolves once every upload running now has ended, saying how many of them did not store their file. */
  whenIdle(): Promise<UploadsSettled> {
    if (this.running.size === 0) return Promise.resolve({ failed: 0 });
    return new Promise((resolve) => {
      this.waiters.push({ pending: new Set(this.running.keys()), failed: 0, resolve });
    });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}

/** Where a file widget is: the record its files belong to (none yet on create), and the form's upload tracker. */
export interface FileFieldContextValue {
  resource: string;
  recordId?: string;
  uploads: UploadTracker;
}

export const FileFieldContext = createContext<FileFieldContextValue | null>(null);

export function useFileFieldContext(): FileFieldContextValue | null {
  return useContext(FileFieldContext);
}
