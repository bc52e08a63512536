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
 */
export function controlScript(dir: string, marker: string, phase: ControlPhase): string {
  return `shell=$(cat ${q(`${dir}/pid`)} 2>/dev/null) || exit 0
members() {
  local p pid pg
  for p in /proc/[0-9]*; do
    pid=\${p#/proc/}; [ "$pid" = "$$" ] && continue
    pg=$(cut -d' ' -f5 < "$p/stat" 2>/dev/null) || continue
    if [ "$pg" = "$shell" ] || tr '\\0' '\\n' < "$p/environ" 2>/dev/null | grep -qx ${q(marker)}; then echo "$pid"; fi
  done
}
children() { members | grep -vx "$shell"; }
kill_rounds() { local i ps; for i in 1 2 3 4 5 6 7 8 9 10; do ps=$("$@"); [ -z "$ps" ] && return 0; kill -STOP $ps 2>/dev/null; kill -KILL $ps 2>/dev/null; sleep 0.02; done; }
case ${phase} in
  term) kill -TERM $(members) 2>/dev/null ;;
  kill-children) kill_rounds children ;;
  kill-shell) kill -KILL "$shell" 2>/dev/null; rm -rf ${q(dir)} ;;
  settle) for i in $(seq 40); do [ -z "$(children)" ] && exit 0; sleep 0.025; done; kill_rounds children ;;
  kill-all) kill_rounds members ;;
esac
exit 0
`;
}
