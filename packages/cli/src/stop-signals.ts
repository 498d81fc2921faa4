/**
 * How a `tm-partner` process is asked to stop: SIGINT (Ctrl-C), SIGTERM or SIGHUP become
 * one abort that every command honours (servers close, children stop, watchers end), so
 * a requested stop ends with exit status 0 instead of the signal's default death.
 *
 * Started through npx or an npm or pnpm script, tm-partner runs under a package manager
 * and a shell. npm hands SIGTERM to that shell only: `kill <npx pid>` ends the shell and
 * would leave us running under PID 1. So, under a package manager, losing our parent
 * process is a stop request too.
 */
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** A stop request: the signal's name, or `SIGTERM` when the parent process went away. */
export type StopReason = (typeof SIGNALS)[number];

/**
 * Listens for stop requests until the returned function is called; `stop` runs on the first.
 * A second signal ends the process at once with the signal's usual status (130, 143, 129):
 * the way out when a stop hangs.
 */
export function onStopRequest(stop: (reason: StopReason) => void, env: NodeJS.ProcessEnv = process.env, pollMs = 250): () => void {
  let stopped = false;
  const once = (reason: StopReason): void => {
    if (stopped) return;
    stopped = true;
    stop(reason);
  };
  const listeners = SIGNALS.map(
    (signal) =>
      [
        signal,
        () => {
          if (stopped) process.exit(128 + (constants.signals[signal] ?? 15));
          once(signal);
        },
      ] as const,
  );
  for (const [signal, listener] of listeners) process.on(signal, listener);
  let timer: NodeJS.Timeout | undefined;
  if (env['npm_config_user_agent'] !== undefined || env['npm_lifecycle_event'] !== undefined) {
    const parent = process.ppid;
    timer = setInterval(() => {
      if (process.ppid !== parent) once('SIGTERM');
    }, pollMs);
    timer.unref();
  }
  return () => {
    clearInterval(timer);
    for (const [signal, listener] of listeners) process.off(signal, listener);
  };
}
