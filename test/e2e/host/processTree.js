// Ends every process a run started, even ones that left their parent's process group (code-server
// runs detached so its own group can be stopped as a unit). Linux only: reads /proc.
'use strict';
const fs = require('node:fs');

function parentOf(pid) {
  try {
    // Field 4 of /proc/PID/stat; the command name (field 2) may contain spaces, so split after ")".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** All descendants of `root`, children before grandchildren. */
function descendants(root) {
  const children = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(Number(name));
    if (ppid === undefined) continue;
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const out = [];
  const queue = [root];
  while (queue.length) {
    for (const c of children.get(queue.shift()) ?? []) { out.push(c); queue.push(c); }
  }
  return out;
}

/** SIGTERM every descendant of `root` (snapshot taken first, so orphans are not lost), then SIGKILL. */
async function killDescendants(root, graceMs = 3000) {
  const pids = descendants(root);
  const send = sig => pids.forEach(p => { try { process.kill(p, sig); } catch { /* gone */ } });
  send('SIGTERM');
  await new Promise(r => setTimeout(r, graceMs));
  send('SIGKILL');
  return pids.length;
}

module.exports = { descendants, killDescendants };
