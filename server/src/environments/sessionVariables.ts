// Which process variables a step's shell gets, and which ones an environments file may set.
// A session is built from the environment definition: the user's own process environment (the
// editor's or the CLI's) contributes only the small set below, so the editor's PROMETHEUS_URL,
// tokens and tool settings never reach production steps by accident. A cloned repository writes
// the environments file, so a variable there that changes *what runs* (PATH, LD_PRELOAD, GIT_*)
// or *how the shell behaves* (IFS, SHELLOPTS, BASH_XTRACEFD) is refused.

/** Inherited from the user's environment: where programs are, who and where the user is, how text looks. */
const KEPT = new Set([
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TERM', 'COLORTERM', 'TZ', 'TMPDIR',
  'DISPLAY', 'WAYLAND_DISPLAY', 'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME',
  // The user's own agents and tool selection: kubectl, ssh and cloud CLIs need them to log in.
  'SSH_AUTH_SOCK', 'KUBECONFIG', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'CLOUDSDK_CONFIG',
  // The user's own network setup (a repository may not set these: see REFUSED_PATTERNS).
  'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY',
  'SSL_CERT_FILE', 'SSL_CERT_DIR',
]);
const KEPT_PREFIX = /^LC_[A-Z]+$/;

/** Names under which a step finds its environment's Prometheus (set by Runbook, never by the file). */
export const PROMETHEUS_URL_VARIABLES = ['RUNBOOK_PROMETHEUS_URL', 'PROMETHEUS_URL'] as const;

/** The part of the user's environment a session starts from. */
export function keptEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && (KEPT.has(k) || KEPT_PREFIX.test(k))) out[k] = v;
  return out;
}

export function isKeptName(name: string): boolean {
  return KEPT.has(name) || KEPT_PREFIX.test(name);
}

// Exact names that change which program a command name runs, what a program loads on start, or
// how bash parses and traces the step.
const REFUSED = new Set([
  'PATH', 'HOME', 'SHELL', 'ENV', 'BASH_ENV', 'SHELLOPTS', 'BASHOPTS', 'POSIXLY_CORRECT', 'PS4', 'PROMPT_COMMAND', 'IFS',
  'GLOBIGNORE', 'CDPATH', 'EXECIGNORE', 'FIGNORE', 'HISTFILE', 'TMOUT', 'INPUTRC', 'TMPDIR',
  'NODE_OPTIONS', 'NODE_PATH', 'LESSOPEN', 'LESSCLOSE', 'LESSKEY', 'PAGER', 'MANPAGER', 'EDITOR', 'VISUAL',
  'PYTHONPATH', 'PYTHONSTARTUP', 'PYTHONHOME', 'PYTHONINSPECT', 'PERL5LIB', 'PERLLIB', 'PERL5OPT', 'RUBYOPT', 'RUBYLIB',
  'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'GCONV_PATH', 'LOCPATH', 'NLSPATH', 'TERMINFO', 'HOSTALIASES',
  'SSH_ASKPASS', 'SUDO_ASKPASS', 'SSH_AUTH_SOCK', 'GNUPGHOME', 'OPENSSL_CONF', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'CURL_CA_BUNDLE',
  'CURL_HOME', 'WGETRC', 'DOCKER_HOST', 'DOCKER_CONFIG',
  ...PROMETHEUS_URL_VARIABLES,
]);
// Whole families: the dynamic loader (LD_, DYLD_), git's hooks and commands (GIT_), bash's own
// (BASH_XTRACEFD, BASH_LOADABLES_PATH, BASH_COMPAT, BASH_FUNC_…), proxies (any case).
const REFUSED_PATTERNS = [/^LD_/, /^DYLD_/, /^GIT_/, /^BASH_/, /_proxy$/i, /^MALLOC_/, /^GLIBC_TUNABLES$/];
/** Allowed, but worth a look: they aim tools at clusters and accounts the repository chooses. */
const WARNED = new Set(['KUBECONFIG', 'KUBECONTEXT', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'CLOUDSDK_CONFIG', 'GOOGLE_APPLICATION_CREDENTIALS', 'DOCKER_CONTEXT']);

export type VariableVerdict = { refused: true; reason: string } | { refused: false; warning?: string } ;

/** What the environments file may do with variable `name`. */
export function fileVariableVerdict(name: string): VariableVerdict {
  if ((PROMETHEUS_URL_VARIABLES as readonly string[]).includes(name)) {
    return { refused: true, reason: `\`${name}\` is set by Runbook from the environment's \`prometheus:\` URL, so it is not exported from \`variables\`.` };
  }
  if (REFUSED.has(name) || REFUSED_PATTERNS.some((re) => re.test(name))) {
    return { refused: true, reason: `\`${name}\` changes how the shell runs every step (or which programs it runs), so it is not exported.` };
  }
  if (WARNED.has(name)) return { refused: false, warning: `\`${name}\` points your tools at a file or account this repository chooses; runs show it before they start.` };
  return { refused: false };
}

/**
 * The environment's variables that replace a value the user has in their own environment, or that
 * aim tools elsewhere (KUBECONFIG): the run confirmation lists them.
 */
export function overriddenVariables(variables: Record<string, string>, userEnv: NodeJS.ProcessEnv): string[] {
  return Object.keys(variables).filter((k) => (userEnv[k] !== undefined && userEnv[k] !== variables[k]) || WARNED.has(k)).sort();
}
