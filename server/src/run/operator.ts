// Who ran a step, for the run record: the OS user, and git's `user.email` where the step ran when
// one is set. Looked up once per folder; a missing git or a slow one only leaves the email out.
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';

export interface Operator { user: string; email?: string }

const emails = new Map<string, Promise<string | undefined>>();

export async function operatorIn(cwd: string): Promise<Operator> {
  let user: string;
  try { user = userInfo().username; } catch { user = process.env.USER ?? process.env.LOGNAME ?? 'unknown'; }
  let email = emails.get(cwd);
  if (!email) { email = gitEmail(cwd); emails.set(cwd, email); }
  const e = await email;
  return e ? { user, email: e } : { user };
}

function gitEmail(cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', '--get', 'user.email'], { cwd, timeout: 2000, encoding: 'utf8' }, (err, out) => {
      resolve(err ? undefined : out.trim() || undefined);
    });
  });
}
