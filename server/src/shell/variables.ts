// Which variables a shell snippet defines and which it reads, with offsets. Approximate by design
// (a full parse is not needed to tell that `$NAMESPACE` is never set): the result only decides
// whether to ask the user for a value.
import type { Region } from './lexer';

export interface VarUse { name: string; text: string; start: number; end: number }
export interface VarDef { name: string; start: number }

/** Set by the shell or the login environment; never a placeholder. */
export const standardVariables = new Set((
  'HOME PATH USER LOGNAME SHELL PWD OLDPWD RANDOM SECONDS LINENO HOSTNAME HOSTTYPE OSTYPE MACHTYPE UID EUID ' +
  'GROUPS PPID BASHPID BASH BASH_VERSION BASH_VERSINFO BASH_SOURCE BASH_LINENO BASH_REMATCH BASH_ARGV BASH_ARGC ' +
  'BASH_COMMAND BASH_SUBSHELL FUNCNAME PIPESTATUS REPLY OPTARG OPTIND OPTERR IFS PS1 PS2 PS4 TERM LANG LANGUAGE ' +
  'LC_ALL LC_CTYPE LC_MESSAGES LC_NUMERIC LC_TIME TZ TMPDIR EDITOR VISUAL PAGER MAIL HISTFILE HISTSIZE COLUMNS ' +
  'LINES DISPLAY SHLVL EPOCHSECONDS EPOCHREALTIME SRANDOM DIRSTACK XDG_RUNTIME_DIR XDG_CONFIG_HOME ' +
  'XDG_DATA_HOME XDG_CACHE_HOME SSH_AUTH_SOCK SSH_CONNECTION SSH_CLIENT SSH_TTY SUDO_USER SUDO_UID COMP_WORDS'
).split(' '));

const use = /\$(?:([A-Za-z_]\w*)|\{([#]?)([A-Za-z_]\w*)((?:\[[^\]]*\])?)([^}]*)\})/g;
const assignment = /(?:^|[\s;&|(`])(?:(?:export|local|declare|typeset|readonly)\s+(?:-\w+\s+)*)?([A-Za-z_]\w*)(?:\[[^\]]*\])?\+?=/gm;
const declaredOnly = /\b(?:export|local|declare|typeset|readonly|unset)\s+(?:-\w+\s+)*((?:[A-Za-z_]\w*\s*)+)/g;
const loopOrRead = /\b(?:for|select)\s+([A-Za-z_]\w*)\s+in\b|\b(?:read|mapfile|readarray)\s+(?:-\w+(?:\s+(?!-)\S+)?\s+)*((?:[A-Za-z_]\w*\s*)+)|\bprintf\s+-v\s+([A-Za-z_]\w*)|\bgetopts\s+\S+\s+([A-Za-z_]\w*)/g;

function inKinds(regions: Region[], kinds: readonly string[]): Region[] {
  return regions.filter((r) => kinds.includes(r.kind));
}

export function findDefinitions(text: string, regions: Region[]): VarDef[] {
  const defs: VarDef[] = [];
  for (const r of inKinds(regions, ['code'])) {
    const part = text.slice(r.start, r.end);
    for (const m of part.matchAll(assignment)) defs.push({ name: m[1], start: r.start + m.index });
    for (const m of part.matchAll(declaredOnly)) {
      for (const n of m[1].trim().split(/\s+/)) defs.push({ name: n, start: r.start + m.index });
    }
    for (const m of part.matchAll(loopOrRead)) {
      for (const n of (m[1] ?? m[2] ?? m[3] ?? m[4]).trim().split(/\s+/)) defs.push({ name: n, start: r.start + m.index });
    }
  }
  return defs;
}

/** `$VAR` / `${VAR}` reads where the shell expands them; `${VAR:-default}` and friends are not needs. */
export function findUses(text: string, regions: Region[]): VarUse[] {
  const uses: VarUse[] = [];
  for (const r of inKinds(regions, ['code', 'double', 'heredoc'])) {
    const part = text.slice(r.start, r.end);
    for (const m of part.matchAll(use)) {
      const at = r.start + m.index;
      if (text[at - 1] === '\\') continue;
      const name = m[1] ?? m[3];
      const modifier = m[5] ?? '';
      if (/^:?[-=+?]/.test(modifier) && m[2] !== '#') continue;
      uses.push({ name, text: m[0], start: at, end: at + m[0].length });
    }
  }
  return uses.sort((a, b) => a.start - b.start);
}
