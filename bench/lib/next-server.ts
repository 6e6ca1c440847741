import { type ChildProcess, spawn } from "node:child_process";

/**
 * Starts the app as a user would (`node scripts/start.mjs`: builds when sources changed, then
 * `next start`) and waits until GraphQL answers. Stop it with the returned function.
 */
export async function startNextServer(
  env: Record<string, string | undefined>,
  port: number,
): Promise<{ url: string; pid: number; stop(): void }> {
  const server: ChildProcess = spawn("node", ["scripts/start.mjs"], {
    env: { ...process.env, ...env, PORT: String(port), NODE_ENV: "production" },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  for (let i = 0; i < 900; i++) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      const res = await fetch(`${url}/api/graphql?query=%7B__typename%7D`, {
        headers: { "apollo-require-preflight": "1" },
      });
      if (res.ok) return { url, pid: server.pid!, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  stop();
  throw new Error("next start did not come up in 15 minutes");
}
