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
const declared = /\b(?:export|local|declare|typeset|readonly)\s+([^;&|\n]*)/g;
const loop = /\b(?:for|select)[ \t]+([A-Za-z_]\w*)[ \t]+in\b|\bprintf[ \t]+-v[ \t]+([A-Za-z_]\w*)|\bgetopts[ \t]+\S+[ \t]+([A-Za-z_]\w*)/g;
const reader = /\b(read|mapfile|readarray)[ \t]+([^;&|<>\n]*)/g;
// Options that take a value, per builtin; `read -a NAME` and the trailing words are the names set.
const optionArgs: Record<string, Set<string>> = {
  read: new Set(['-p', '-d', '-t', '-n', '-N', '-u', '-i']),
  mapfile: new Set(['-d', '-n', '-O', '-s', '-u', '-C', '-c']),
};

function readNames(builtin: string, args: string): string[] {
  const words = args.trim().split(/[ \t]+/);
  const takesArg = optionArgs[builtin === 'readarray' ? 'mapfile' : builtin];
  const names: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '-a' && builtin === 'read') { if (words[i + 1]) names.push(words[++i]); continue; }
    if (takesArg.has(w)) { i++; continue; }
    if (w.startsWith('-')) continue;
    if (/^[A-Za-z_]\w*$/.test(w)) names.push(w);
  }
  return names;
}

function inKinds(regions: Region[], kinds: readonly string[]): Region[] {
  return regions.filter((r) => kinds.includes(r.kind));
}

/** The code with quoted text turned into filler words and comments/here-docs blanked, same length. */
function codeView(text: string, regions: Region[]): string {
  return regions.map((r) => {
    const s = text.slice(r.start, r.end);
    if (r.kind === 'code') return s;
    if (r.kind === 'single' || r.kind === 'double') return s.replace(/[^\n]/g, '_');
    return s.replace(/[^\n]/g, ' ');
  }).join('');
}

export function findDefinitions(text: string, regions: Region[]): VarDef[] {
  const defs: VarDef[] = [];
  const view = codeView(text, regions);
  for (const m of view.matchAll(assignment)) defs.push({ name: m[1], start: m.index });
  for (const m of view.matchAll(declared)) {
    for (const word of m[1].split(/\s+/)) {
      const n = /^([A-Za-z_]\w*)(?:=|$)/.exec(word);
      if (n) defs.push({ name: n[1], start: m.index });
    }
  }
  for (const m of view.matchAll(loop)) defs.push({ name: m[1] ?? m[2] ?? m[3], start: m.index });
  for (const m of view.matchAll(reader)) {
    for (const name of readNames(m[1], m[2])) defs.push({ name, start: m.index });
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
      if (/^:?[-=+]/.test(modifier) && m[2] !== '#') continue;
      uses.push({ name, text: m[0], start: at, end: at + m[0].length });
    }
  }
  return uses.sort((a, b) => a.start - b.start);
}
