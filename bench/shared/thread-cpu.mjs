// CPU time of the calling thread (user + system), from Linux's /proc/thread-self/stat.
//
// On a machine shared with other work, wall time and event-loop busy time both include the time the
// thread waited for a core (a thread preempted inside a syscall shows up in a CPU profile as time in
// that syscall, e.g. `writev`). The thread's own CPU time does not. Resolution: one clock tick
// (10 ms on Linux), so measure runs of a second or more. Elsewhere than Linux it is unavailable.
import { readFileSync } from 'node:fs';

/** Microseconds of CPU the calling thread has used so far, or undefined where /proc is missing. */
export function threadCpuMicroseconds() {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1e6) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every mainstream Linux build. */
const clockTicksPerSecond = 100;
