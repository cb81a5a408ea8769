import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The node flags `npm start` gives the hub (package.json), so a benchmark runs it the same way. */
function startScriptNodeFlags(): string {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  return /\bnode((?:\s+--\S+)*)\s+dist\/src\/main\.js/.exec(scripts.start ?? '')?.[1]?.trim() ?? '';
}

/**
 * The hub as its own process, exactly as `npm start` runs it, so the benchmark measures the real
 * HTTP path and the hub's own memory (peak RSS from the kernel: VmHWM).
 */
export class HubProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {}

  static async start(env: Record<string, string>, port: number): Promise<HubProcess> {
    // Another process on the port (a hub of another benchmark) would answer our health check and be
    // measured in our hub's place.
    await assertPortFree(port);
    const nodeArgs = (process.env.BENCH_HUB_NODE_ARGS ?? startScriptNodeFlags()).split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
      env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const hub = new HubProcess(child, `http://127.0.0.1:${port}`);
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${hub.baseUrl}/health`)).ok) return hub;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('hub did not become healthy in 60 s');
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Peak resident set size of the hub process so far, in MB. */
  peakRssMb(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Fails when something already listens on the port. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `port ${port} is taken by another process: set the benchmark's port variable to a free one`
            : err.message,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
