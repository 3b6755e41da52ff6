import { readdirSync, readFileSync } from 'node:fs';

/** The parent of a process, from /proc (Linux only: the bench's CPU figures are this machine's). */
function parentOf(pid: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]!;
  } catch {
    return null;
  }
}

/** Whether `pid` descends from this process (anvil is spawned directly or through a shell). */
function isOurs(pid: string): boolean {
  for (let p: string | null = pid, depth = 0; p && depth < 4; p = parentOf(p), depth++)
    if (p === String(process.pid)) return p !== pid;
  return false;
}

/**
 * CPU spent so far, in ms, by this process and by the anvils it started (every thread, from schedstat): what a
 * review costs the machine on both sides of the socket, which a wall-clock median on a shared 2-core machine
 * blurs.
 */
export function processCpu(): () => { node: number; anvil: number } {
  const anvils = readdirSync('/proc').filter((d) => {
    if (!/^\d+$/.test(d) || !isOurs(d)) return false;
    try {
      return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'anvil';
    } catch {
      return false;
    }
  });
  const threadNs = (pid: string) =>
    readdirSync(`/proc/${pid}/task`).reduce((sum, t) => {
      try {
        return sum + Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        return sum;
      }
    }, 0);
  return () => {
    const own = process.cpuUsage();
    return {
      node: (own.user + own.system) / 1000,
      anvil: anvils.reduce((sum, pid) => sum + threadNs(pid), 0) / 1e6,
    };
  };
}
