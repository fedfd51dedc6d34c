/**
 * The subscriber processes of one phase. Each is `node --import tsx subscriber-worker.ts`, started through bash with
 * its open-files soft limit raised to the hard limit, and holds every W-th subscriber. They run on this machine,
 * beside the server: their CPU time is reported with the results.
 */
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import type { FromWorker, OpenRequest, SubscriberSpec, ToWorker, WorkerResult } from "./protocol";
import { ROOT, spawnWithFdLimit } from "./server";

const WORKER = path.join(import.meta.dirname, "subscriber-worker.ts");

type Reply<T extends FromWorker["type"]> = Extract<FromWorker, { type: T }>;

export class SubscriberPool {
  private readonly children: ChildProcess[];

  constructor(processes: number) {
    this.children = Array.from({ length: processes }, () =>
      spawnWithFdLimit(process.execPath, ["--import", "tsx", WORKER], {
        cwd: ROOT,
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      }),
    );
  }

  private reply<T extends FromWorker["type"]>(child: ChildProcess, type: T): Promise<Reply<T>> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type !== type) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(message as Reply<T>);
      };
      const onExit = (code: number | null) => reject(new Error(`a subscriber process exited (${code})`));
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  }

  /** Opens the subscribers (every W-th to each process); resolves when each has `ready` or has failed. */
  async open(spec: Omit<OpenRequest, "type" | "subscribers">, subscribers: SubscriberSpec[]) {
    const replies = this.children.map((child, w) => {
      const share = subscribers.filter((_, i) => i % this.children.length === w);
      const reply = this.reply(child, "opened");
      child.send({ type: "open", ...spec, subscribers: share } satisfies ToWorker);
      return reply;
    });
    const opened = await Promise.all(replies);
    return {
      ready: opened.reduce((n, o) => n + o.ready, 0),
      failed: opened.reduce((n, o) => n + o.failed, 0),
      seconds: Math.max(...opened.map((o) => o.seconds)),
    };
  }

  broadcast(message: ToWorker): void {
    for (const child of this.children) child.send(message);
  }

  async progress(): Promise<{ expected: number; received: number }> {
    const replies = this.children.map((child) => {
      const reply = this.reply(child, "progress");
      child.send({ type: "progress" } satisfies ToWorker);
      return reply;
    });
    const all = await Promise.all(replies);
    return {
      expected: all.reduce((n, p) => n + p.expected, 0),
      received: all.reduce((n, p) => n + p.received, 0),
    };
  }

  async finish(): Promise<WorkerResult[]> {
    const replies = this.children.map((child) => {
      const reply = this.reply(child, "result");
      child.send({ type: "finish" } satisfies ToWorker);
      return reply;
    });
    return Promise.all(replies);
  }

  /** Ends the processes; disconnecting makes each close its sockets and exit. */
  async close(): Promise<void> {
    await Promise.all(
      this.children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        if (child.connected) child.disconnect();
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
