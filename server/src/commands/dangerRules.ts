// The commands that change or destroy state, kept as data with the reason a reviewer would give.
// The run step asks for confirmation before any of them; the editor shows a warning.

export interface DangerRule {
  id: string;
  reason: string;
  /** Matched against one command's text (from the command word to the end of the command). */
  pattern: RegExp;
  /** Optional refinement on the match, e.g. "the target of rm is a variable or broad path". */
  test?: (match: RegExpExecArray) => boolean;
  /** True when the pattern must start a command (after `;`, `|`, `&&`, `sudo`…); false for SQL. */
  commandStart: boolean;
}

const broadTarget = /(?:^|\s)(?:"?\$|\{\}|\/\*?(?:\s|$)|~\/?(?:\s|$)|\*(?:\s|$)|\.\.?\/?(?:\s|$)|\S*\*)/;
const systemPath = /(?:^|\s)\/(?:(?:etc|usr|var|bin|sbin|lib|lib64|boot|root|home|opt|srv|sys|proc|dev)(?:\/(?:lib|local|log|bin|share|\*))?)?\/?\*?(?:\s|$)/;

export const dangerRules: DangerRule[] = [
  { id: 'rm-rf', commandStart: true,
    reason: 'rm -rf on a variable, glob or broad path deletes more than intended when the value is empty or wrong',
    pattern: /rm\s+((?:-\S+\s+)*)([^;&|\n]*)/,
    test: (m) => /-[a-zA-Z]*[rR]|--recursive/.test(m[1]) && /-[a-zA-Z]*f|--force/.test(m[1]) && broadTarget.test(' ' + m[2]) },
  { id: 'kill-9', commandStart: true, reason: 'kill -9 gives the process no chance to shut down cleanly',
    pattern: /kill\s+(?:-9|-KILL|-SIGKILL|-s\s+(?:KILL|SIGKILL|9))\b/ },
  { id: 'pkill', commandStart: true, reason: 'pkill/killall match by name and can stop more processes than intended',
    pattern: /(?:pkill|killall)\b/ },
  { id: 'kubectl-delete', commandStart: true, reason: 'kubectl delete removes cluster resources',
    pattern: /kubectl\b[^;&|\n]*?\sdelete\b/ },
  { id: 'kubectl-scale-zero', commandStart: true, reason: 'scaling to zero replicas takes the workload down',
    pattern: /kubectl\b[^;&|\n]*?\sscale\b[^;&|\n]*?--replicas[= ]0\b/ },
  { id: 'helm-rollback', commandStart: true, reason: 'helm rollback/uninstall changes or removes a live release',
    pattern: /helm\b[^;&|\n]*?\s(?:rollback|uninstall|delete)\b/ },
  { id: 'compose-down-volumes', commandStart: true, reason: 'docker compose down -v deletes the named volumes and their data',
    pattern: /docker(?:-compose|\s+compose)\b[^;&|\n]*?\sdown\b[^;&|\n]*?\s(?:-v|--volumes)\b/ },
  { id: 'sql-drop', commandStart: false, reason: 'DROP/TRUNCATE destroys data',
    pattern: /\b(?:DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX|VIEW|USER|ROLE|KEYSPACE)|TRUNCATE(?:\s+TABLE)?\s+[\w."`]+)/i },
  { id: 'recursive-permissions', commandStart: true, reason: 'a recursive chmod/chown on a system path can break the host',
    pattern: /(?:chmod|chown|chgrp)\s+(?:-\S+\s+)*(?:-[a-zA-Z]*R[a-zA-Z]*|--recursive)\s+([^;&|\n]*)/,
    test: (m) => systemPath.test(' ' + m[1]) },
  { id: 'dd', commandStart: true, reason: 'dd of= overwrites the target device or file', pattern: /dd\b[^;&|\n]*\bof=/ },
  { id: 'mkfs', commandStart: true, reason: 'mkfs erases the file system on the device', pattern: /mkfs(?:\.\w+)?\b/ },
  { id: 'service-stop', commandStart: true, reason: 'stopping or restarting a service interrupts it',
    pattern: /(?:systemctl\s+(?:-\S+\s+)*(?:stop|restart|kill)\b|service\s+\S+\s+(?:stop|restart)\b)/ },
  { id: 'pipe-to-shell', commandStart: true, reason: 'piping a download into a shell runs unreviewed code',
    pattern: /(?:curl|wget)\b[^;&\n]*?\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:ba|z|k|da)?sh\b/ },
  { id: 'sudo', commandStart: true, reason: 'runs with root privileges', pattern: /sudo\b/ },
];
