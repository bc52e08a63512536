// Line-level fragments that runbooks are made of: shell commands (placeholders, heredocs, quotes,
// prompts, dangerous commands), PromQL (valid and broken), YAML rules, JSON, and prose with the
// characters that trip up offset arithmetic (tabs, emoji, surrogate pairs, combining marks).
import fc from 'fast-check';

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

export const metricName = pick(['http_requests_total', 'treasury_queue_depth', 'up', 'node_cpu_seconds_total', 'job:errors:rate5m', 'x', 'relay_latency_seconds_bucket', 'a_b', '__name__']);

const labelMatcher = fc.tuple(pick(['job', 'instance', 'le', 'region', '__name__', 'état']), pick(['=', '!=', '=~', '!~', '==', '']), pick(['"api"', '"a.*"', "'x'", '"\\"q\\""', '"😀"', '"', '`raw`', 'api'])).map(([l, op, v]) => `${l}${op}${v}`);

const selector = fc.tuple(metricName, fc.option(fc.array(labelMatcher, { maxLength: 3 }).map(ms => `{${ms.join(', ')}}`), { nil: '' }), fc.option(pick(['[5m]', '[1h:1m]', '[5m', '[]', '[1x]', ' offset 5m', ' @ 1609746000', ' @ end()']), { nil: '' }))
  .map(([m, l, r]) => m + l + r);

/** PromQL, including broken expressions: unbalanced parens, bad durations, stray operators. */
export const promql: fc.Arbitrary<string> = fc.letrec<{ expr: string }>(tie => ({
  expr: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    selector,
    pick(['42', '0.99', '-Inf', 'NaN', '"str"', '1e3', '0x1F', 'time()', 'vector(1)']),
    fc.tuple(pick(['rate', 'sum', 'histogram_quantile', 'absent', 'irate', 'label_replace', 'clamp_max', 'nosuchfunc', 'max_over_time']), fc.array(tie('expr'), { maxLength: 3 }))
      .map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(pick(['sum', 'avg', 'count', 'topk', 'quantile']), pick([' by (job)', ' without (instance)', ' by ()', ' by (', '']), tie('expr')).map(([a, g, e]) => `${a}${g} (${e})`),
    fc.tuple(tie('expr'), pick([' + ', ' / ', ' > ', ' and ', ' or on(job) ', ' unless ', ' == bool ', ' * ignoring(a) group_left ', ' ^ ', ' ']), tie('expr')).map(([a, op, b]) => a + op + b),
    tie('expr').map(e => `(${e}`),
    tie('expr').map(e => `${e})`),
    tie('expr').map(e => `${e} # comment`),
  ),
})).expr;

const placeholder = pick(['<pod>', '<pod-name>', '<NAMESPACE>', '<REV>', '${VAR}', '$VAR', '$HOSTNAME', '${ENV:-prod}', 'YYYYMMDD', 'YYYY-MM-DD', '...', '<…>', '{{node}}', '$1', '"$@"', '<ünïcode>', '<a b>']);
const word = pick(['kubectl', 'get', 'pods', '-n', 'prod', 'systemctl', 'status', 'journalctl', '-u', 'grep', '-i', 'error', 'curl', '-s', 'http://prom:9090/api/v1/query', '--data-urlencode', 'echo', 'ls', '-la', 'awk', "'{print $1}'", '"quoted $x"', "'single'", '"unterminated', "'also", '\\', '|', '||', '&&', ';', '2>&1', '>', '>>', '<', '&', '$(date)', '`hostname`', '(', ')', '{', '}', 'then', 'fi', 'do', 'done', '#', '# comment', '=', 'x=1', '😀', '\t', 'héllo', 'tee', '/tmp/out.log']);
const dangerous = pick(['rm -rf /', 'rm -rf $DIR/', 'kubectl delete pod <pod>', 'kubectl delete ns prod', 'dd if=/dev/zero of=/dev/sda', 'curl http://x | sh', 'DROP TABLE users;', 'mkfs.ext4 /dev/sdb', 'kill -9 -1', 'helm rollback app <REV> -n ns', 'shutdown -h now', ':(){ :|:& };:', 'chmod -R 777 /', 'git push --force']);

const command = fc.oneof(
  fc.array(fc.oneof(word, placeholder), { minLength: 1, maxLength: 7 }).map(ws => ws.join(' ')),
  dangerous,
  fc.tuple(pick(['$ ', '# ', '> ', 'user@host:~$ ', 'PS C:\\> ']), fc.array(word, { minLength: 1, maxLength: 4 })).map(([p, ws]) => p + ws.join(' ')),
  fc.tuple(metricName, promql).map(([, q]) => `curl -s "$PROM/api/v1/query" --data-urlencode 'query=${q}'`),
  promql.map(q => `promtool query instant http://localhost:9090 '${q}'`),
);

/** A shell body: commands, heredocs (closed or not), continuations, functions, control flow. */
export const shellLines: fc.Arbitrary<string[]> = fc.array(fc.oneof(
  { weight: 6, arbitrary: command.map(c => [c]) },
  { weight: 1, arbitrary: fc.tuple(pick(['<<EOF', "<<'EOF'", '<<-EOF', '<< "END"']), fc.array(fc.oneof(command, placeholder), { maxLength: 3 }), fc.boolean())
    .map(([op, body, closed]) => [`cat ${op} > /tmp/x`, ...body, ...(closed ? [op.includes('END') ? 'END' : op.startsWith('<<-') ? '\tEOF' : 'EOF'] : [])]) },
  { weight: 1, arbitrary: fc.tuple(command, command).map(([a, b]) => [`${a} \\`, `  ${b}`]) },
  { weight: 1, arbitrary: command.map(c => ['for p in $(kubectl get pods -o name); do', `  ${c}`, 'done']) },
  { weight: 1, arbitrary: command.map(c => ['if [ -n "$X" ]; then', `  ${c}`, 'fi']) },
  { weight: 1, arbitrary: fc.constant(['']) },
), { maxLength: 6 }).map(groups => groups.flat());

export const promqlLines: fc.Arbitrary<string[]> = fc.array(fc.oneof({ weight: 5, arbitrary: promql }, { weight: 1, arbitrary: pick(['# a comment', '', '  ', 'sum by (job) (', '  rate(x[5m])', ')']) }), { maxLength: 5 });

export const yamlLines: fc.Arbitrary<string[]> = fc.tuple(pick(['Backlog', 'High Latency', '']), promql, pick(['5m', '5', '1h30m', 'later', '']), pick(['critical', 'page', 'sev1', '']), fc.boolean())
  .map(([name, expr, dur, sev, block]) => ['groups:', '  - name: g', '    rules:', `      - alert: ${name}`, block ? '        expr: |' : `        expr: ${expr}`, ...(block ? [`          ${expr}`] : []), `        for: ${dur}`, '        labels:', `          severity: ${sev}`, '      - record: x:y', '        expr: [unclosed']);

export const jsonLines: fc.Arbitrary<string[]> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map(v => JSON.stringify(v, null, 2).split('\n')),
  pick([['{"status":"success",'], ['{', '  "a": 1,', '}'], ['[1, 2'], ['{"k": "v"} trailing']]),
);

/** Prose characters that break naive offset arithmetic. */
export const trickyText = pick(['😀', '🚨', '👩‍👩‍👧', '𝔘', '\uD83D', '\uDE00', 'é', 'e\u0301', '\t', '  ', '\u00a0', '\u200b', '\uFEFF', '\\', '*', '_', '[', ']', '(', ')', '!', '<', '>', '&', '|', '"', "'", '$', '{', '}', '~', '#']);

export const proseWord = fc.oneof(
  { weight: 6, arbitrary: pick(['Check', 'the', 'queue', 'then', 'restart', 'worker', 'if', 'latency', 'is', 'high', 'run', 'step', 'NOTE:', 'see', 'http://x.example/a_b', 'rate', 'Expected', 'output:']) },
  { weight: 2, arbitrary: trickyText },
  { weight: 1, arbitrary: metricName },
  { weight: 1, arbitrary: placeholder },
  { weight: 1, arbitrary: fc.tuple(pick(['`', '``', '```']), fc.oneof(promql, command, metricName, pick(['', ' ', '`', ' a ']))).map(([t, c]) => `${t}${c}${t}`) },
  { weight: 1, arbitrary: fc.oneof(promql, command).map(c => '`' + c) },
  { weight: 1, arbitrary: pick(['**bold**', '_em_', '[link](http://x)', '![img](a.png)', '<span>', '</div>', '<!--', '-->', '&amp;', '\\`']) },
);

export const proseLine: fc.Arbitrary<string> = fc.array(proseWord, { minLength: 1, maxLength: 8 }).map(ws => ws.join(' '));
