// A test double of the `kubectl exec -i` contract only (no cluster can run here): `exec --stdin
// POD [--container C] -- CMD…` runs CMD on this machine with stdin and stdout relayed and its exit
// code passed back, as kubectl does; `get pods --selector S … --output name` lists pods for
// `app=api`. Every call's arguments are logged, so tests check what kubectl would be asked.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KubectlDouble { dir: string; path: string; calls(): string[][] }

export function kubectlDouble(): KubectlDouble {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-kubectl-'));
  const log = join(dir, 'calls');
  writeFileSync(join(dir, 'kubectl'), `#!/bin/bash
printf '%s\\x1f' "$@" >> '${log}'; echo >> '${log}'
ns=
while [ $# -gt 0 ]; do
  case $1 in
    --context) shift 2 ;;
    --namespace|-n) ns=$2; shift 2 ;;
    *) break ;;
  esac
done
[ -n "$ns" ] || { echo 'double: no --namespace' >&2; exit 1; }
case $1 in
  get)
    [ "$2" = pods ] || exit 1
    case " $* " in *" --selector app=api "*) printf 'pod/api-0\\npod/api-1\\n' ;; esac
    exit 0 ;;
  exec)
    shift
    [ "$1" = --stdin ] || { echo 'double: exec without --stdin' >&2; exit 1; }
    shift 2
    [ "$1" = --container ] && shift 2
    [ "$1" = -- ] || { echo 'double: no -- before the command' >&2; exit 1; }
    shift
    exec "$@" ;;
esac
echo "double: unsupported: $*" >&2; exit 1
`);
  chmodSync(join(dir, 'kubectl'), 0o755);
  return {
    dir, path: join(dir, 'kubectl'),
    calls: () => { try { return readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\x1f').slice(0, -1)); } catch { return []; } },
  };
}
