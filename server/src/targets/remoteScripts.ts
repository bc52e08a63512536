// What a remote session sends the other side, as bash text over stdin (never a command line):
// the prelude that sets the session up, and the control scripts cancel runs over a second
// channel. The remote side is any bash on Linux: processes are found in /proc, like locally.

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Makes the session's folder (0700, named here, so the block file paths are known), notes the
 * shell's pid there for the control channel, exports the environment's variables and secrets,
 * and prints the ready marker: output before it is the connection's, not a step's.
 */
export function prelude(dir: string, marker: string, exported: Record<string, string>, ready: string): string {
  const lines = [
    `mkdir -m 700 ${q(dir)} || { echo "runbook: cannot create ${dir} on the remote side" >&2; exit 97; }`,
    `echo $$ > ${q(`${dir}/pid`)}`,
    `trap 'rm -rf ${q(dir)}' EXIT`,
    `export ${marker}`,
    ...Object.entries(exported).map(([k, v]) => `export ${k}=${q(v)}`),
    `cd || true`,
    `printf '%s:0:\\n' ${q(ready)}`,
  ];
  return `{ ${lines.join('\n')}\n} 2>&1\n`;
}

/** A here-document that writes a block file; `eof` is random per block, so no block line ends it. */
export function writeBlock(path: string, content: string, eof: string): string {
  return `cat > ${q(path)} <<'${eof}'\n${content}${content.endsWith('\n') ? '' : '\n'}${eof}\n`;
}

export type ControlPhase = 'term' | 'kill-children' | 'kill-shell' | 'settle' | 'kill-all';

/**
 * The session's processes: the shell's group, and anything carrying the marker in its
 * environment (a step that used setsid or a double fork). Each phase as the local session's.
 * The scan uses builtins and one grep, so it stays fast on a busy host; the pid file outlives a
 * killed shell, so a later `kill-all` still finds its orphans, and removes the folder last.
 */
export function controlScript(dir: string, marker: string, phase: ControlPhase): string {
  return `shell=$(cat ${q(`${dir}/pid`)} 2>/dev/null) || shell=none
members() {
  local p stat rest
  for p in /proc/[0-9]*; do
    [ "\${p#/proc/}" = "$$" ] && continue
    read -r stat < "$p/stat" 2>/dev/null || continue
    rest=\${stat##*) }; set -- $rest
    [ "$3" = "$shell" ] && echo "\${p#/proc/}"
  done
  grep -lzx ${q(marker)} /proc/[0-9]*/environ 2>/dev/null | sed -e 's|^/proc/||' -e 's|/environ$||' | grep -vx "$$"
}
children() { members | grep -vx "$shell" | sort -u; }
kill_rounds() { local i ps; for i in 1 2 3 4 5 6 7 8 9 10; do ps=$("$@"); [ -z "$ps" ] && return 0; kill -STOP $ps 2>/dev/null; kill -KILL $ps 2>/dev/null; sleep 0.02; done; }
case ${phase} in
  term) kill -TERM "$shell" $(members | sort -u) 2>/dev/null ;;
  kill-children) kill_rounds children ;;
  kill-shell) kill -KILL "$shell" 2>/dev/null ;;
  settle) for i in $(seq 40); do [ -z "$(children)" ] && exit 0; sleep 0.025; done; kill_rounds children ;;
  kill-all) kill_rounds members; rm -rf ${q(dir)} ;;
esac
exit 0
`;
}
