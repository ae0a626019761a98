import { hostname } from 'node:os';

/**
 * Who holds a job's lease: `host:pid:random`. The random part tells a restarted process from its dead
 * predecessor even when the two share host and pid (pid 1 in a container).
 */
export function leaseOwner(random: string): string {
  return `${hostname()}:${process.pid}:${random}`;
}

/**
 * Whether `owner` is certainly a dead process: one on this host whose pid is gone, or this process's own
 * pid under another name (a previous run). Its lease can be taken at once instead of after it expires;
 * owners on other hosts are never judged, their leases simply run out.
 */
export function isDeadLocalOwner(owner: string, self: string): boolean {
  if (owner === self) return false;
  const [host, pidText] = splitOwner(owner);
  if (host !== hostname()) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function splitOwner(owner: string): [string, string] {
  const last = owner.lastIndexOf(':');
  const middle = owner.lastIndexOf(':', last - 1);
  return [owner.slice(0, middle), owner.slice(middle + 1, last)];
}
