/**
 * A TCP proxy in front of a server (the e2e app, a test's PostgreSQL) that a test can cut: `down()` drops every open
 * connection (an SSE stream included) and refuses new ones until `up()`, as a flaky network or a restarted load
 * balancer would. `freeze()` is a network partition instead: connections stay open but nothing passes, and new ones
 * are accepted and never answered, until `up()`. Loopback only.
 */
import net from "node:net";

export interface CuttableProxy {
  port: number;
  down(): void;
  freeze(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<CuttableProxy> {
  const open = new Set<net.Socket>();
  const pairs = new Set<[net.Socket, net.Socket]>();
  let state: "up" | "down" | "frozen" = "up";
  const server = net.createServer((client) => {
    if (state === "down") return client.destroy();
    open.add(client);
    client.on("close", () => open.delete(client));
    client.on("error", () => client.destroy());
    if (state === "frozen") return; // accepted, never answered
    const upstream = net.connect(targetPort, "127.0.0.1");
    open.add(upstream);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    upstream.on("close", () => {
      open.delete(upstream);
      pairs.delete(pair);
    });
    for (const socket of pair) {
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("proxy has no port");
  return {
    port: address.port,
    down() {
      state = "down";
      for (const socket of open) socket.destroy();
    },
    freeze() {
      state = "frozen";
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    up() {
      // Frozen connections do not come back: a partition that heals finds them dead, as TCP would.
      if (state === "frozen") for (const socket of open) socket.destroy();
      state = "up";
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
