#!/usr/bin/env bash
# Installs the real tools the tests use instead of mocks, when they are missing. Idempotent and
# quick when everything is there. Called by `npm test`, `npm run demo` and .ci/run.
#   shellcheck  ShellCheck diagnostics           prometheus  metric tests (includes promtool)
#   prometheus-alertmanager  alert and silence tests     openssh-server, openssh-client  remote-target tests
#   chromium, libkrb5-dev, ripgrep               the VS Code test host (test/e2e/host/install.sh)
# Without root (or apt), it says what is missing and the tests that need it skip with a reason.
set -uo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
for p in shellcheck prometheus prometheus-alertmanager openssh-server openssh-client chromium libkrb5-dev ripgrep; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
# The remote-target tests log in over ssh as this non-root user (test/support/sshd.ts does the
# same when run as root); `*` instead of the locked `!`, since sshd without PAM refuses locked ones.
if [ "$(id -u)" -eq 0 ] && ! id -u runbook-ssh >/dev/null 2>&1 && command -v useradd >/dev/null; then
  useradd --create-home --shell /bin/bash runbook-ssh && usermod -p '*' runbook-ssh
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "setup: missing ${need[*]} (install them with apt-get as root); tests that need them will skip" >&2
  exit 0
fi
echo "setup: installing ${need[*]}"
# The lock keeps concurrent runs (tests, the demo, the e2e host install) from racing on dpkg.
flock /tmp/apt.lock sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends ${need[*]}" || { echo "setup: apt-get failed" >&2; exit 1; }
# Debian's prometheus package may start a service on :9090; the tests start their own instances.
# Likewise Alertmanager on :9093 and sshd on :22.
for svc in prometheus prometheus-alertmanager ssh; do (systemctl stop "$svc" || service "$svc" stop) >/dev/null 2>&1 || true; done
exit 0
