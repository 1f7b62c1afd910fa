/**
 * Running `warta run` as a child process and measuring it from outside:
 * wall time, CPU time and peak RSS (GNU time when present, and polling
 * /proc/<pid>/status VmHWM / VmRSS of the process tree as a cross-check).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ChildMeasurement {
  exitCode: number | null;
  wallMs: number;
  /** From GNU time (seconds); null when /usr/bin/time is missing. */
  userS: number | null;
  sysS: number | null;
  /** GNU time's maximum resident set size of the process, bytes. */
  timeMaxRssBytes: number | null;
  /** Largest VmHWM seen by polling /proc (bytes), and the largest sum of VmRSS over the process tree. */
  polledHwmBytes: number | null;
  polledTreeRssBytes: number | null;
  stderrTail: string;
  /** True when the run was stopped after `timeoutMs`. */
  timedOut: boolean;
  /**
   * CPU seconds of the measured node process's main thread and of its other threads (largest
   * first: the worker threads, then V8's GC/compiler threads and libuv's), as last polled from
   * /proc (a thread's last poll interval is lost when it ends); null without /proc.
   */
  threadCpu: { mainS: number; othersS: number[] } | null;
}

const TIME_BIN = '/usr/bin/time';

function statusField(pid: number, field: string): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const CLOCK_TICKS = 100;

/** utime + stime of each thread of `pid`, in seconds, into `into` (by thread id). */
function pollThreadCpu(pid: number, into: Map<number, number>): void {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // fields after the parenthesised command name: state is field 3, utime 14 and stime 15
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      into.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    } catch {
      // the thread ended
    }
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // process gone or /proc unavailable
  }
  return out;
}

function tree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...childrenOf(all[i]));
  return all;
}

/** Run `node args...` (cwd = repo root), measuring it; stdout is discarded, stderr's tail kept. */
export function measureNode(args: readonly string[], cwd: string, pollMs = 100, timeoutMs = Infinity): Promise<ChildMeasurement> {
  const useTime = existsSync(TIME_BIN) && os.platform() === 'linux';
  const timeFile = path.join(os.tmpdir(), `warta-bench-time-${process.pid}-${Date.now()}.txt`);
  const command = useTime ? TIME_BIN : process.execPath;
  const argv = useTime ? ['-o', timeFile, '-f', '%e %U %S %M', process.execPath, ...args] : [...args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    let hwm = 0;
    let treeRss = 0;
    const threadCpu = new Map<number, number>();
    let nodePid: number | null = null;
    const poll = () => {
      if (child.pid === undefined) return;
      const pids = tree(child.pid).filter((p) => !(useTime && p === child.pid));
      nodePid ??= pids[0] ?? null;
      if (nodePid !== null) pollThreadCpu(nodePid, threadCpu);
      let sum = 0;
      for (const pid of pids) {
        const h = statusField(pid, 'VmHWM');
        if (h !== null && h > hwm) hwm = h;
        sum += statusField(pid, 'VmRSS') ?? 0;
      }
      if (sum > treeRss) treeRss = sum;
    };
    const timer = setInterval(poll, pollMs);
    let timedOut = false;
    const killer = Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          timedOut = true;
          // stop the process tree this bench started, children first
          if (child.pid !== undefined) {
            for (const pid of tree(child.pid).reverse()) {
              try {
                process.kill(pid, 'SIGTERM');
              } catch {
                // already gone
              }
            }
          }
        }, timeoutMs)
      : null;
    child.on('error', (error) => {
      clearInterval(timer);
      if (killer) clearTimeout(killer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearInterval(timer);
      if (killer) clearTimeout(killer);
      const wallMs = performance.now() - t0;
      let userS: number | null = null;
      let sysS: number | null = null;
      let maxRss: number | null = null;
      if (useTime && existsSync(timeFile)) {
        const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
        const parts = lines[lines.length - 1].trim().split(/\s+/).map(Number);
        if (parts.length === 4 && parts.every((x) => Number.isFinite(x))) {
          userS = parts[1];
          sysS = parts[2];
          maxRss = parts[3] * 1024;
        }
        rmSync(timeFile, { force: true });
      }
      resolve({
        exitCode: code,
        wallMs,
        userS,
        sysS,
        timeMaxRssBytes: maxRss,
        polledHwmBytes: hwm || null,
        polledTreeRssBytes: treeRss || null,
        stderrTail: stderr.trim().split('\n').slice(-8).join('\n'),
        timedOut,
        threadCpu:
          nodePid === null || threadCpu.size === 0
            ? null
            : {
                mainS: threadCpu.get(nodePid) ?? 0,
                othersS: [...threadCpu].filter(([tid]) => tid !== nodePid).map(([, s]) => s).sort((a, b) => b - a),
              },
      });
    });
  });
}
