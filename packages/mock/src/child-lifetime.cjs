'use strict';
// Preloaded into the Prism child (`node -r child-lifetime.cjs prism …`) by prism.ts, to bind
// the child's lifetime to its parent's.
//
// The parent keeps the write end of this process's stdin open and never writes to it. The
// operating system closes that pipe whenever the parent goes away, however it goes: a normal
// exit, an uncaught error, SIGTERM without a handler, or SIGKILL, where no
// `process.on('exit')` handler of the parent can run. The end of stdin is therefore the one
// signal that always arrives, and Prism exits on it instead of living on as an orphan.
//
// For the same reason the private copy of the document (TM_PRISM_REMOVE_ON_EXIT) is removed
// here in that case: the parent that made it is gone. Whenever Prism ends while the parent
// lives, the parent removes the copy (or reuses it, to retry on another port).
const { rmSync } = require('node:fs');

const copy = process.env.TM_PRISM_REMOVE_ON_EXIT;
const stdin = process.stdin;
const leave = () => {
  if (copy) {
    try {
      rmSync(copy, { recursive: true, force: true });
    } catch {
      // Nothing useful to do about a copy that cannot be removed while exiting.
    }
  }
  process.exit(0);
};
stdin.on('end', leave);
stdin.on('close', leave);
stdin.on('error', leave);
stdin.resume();
// Reading stdin must not by itself keep Prism alive once its server has stopped.
if (typeof stdin.unref === 'function') stdin.unref();
