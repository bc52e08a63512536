import test from 'node:test';
import assert from 'node:assert/strict';
import { kindAt, lexShell } from '../../../server/src/shell/lexer';
import { isTranscript, transcriptCommands } from '../../../server/src/shell/transcript';

const kindOf = (text: string, needle: string) => kindAt(lexShell(text), text.indexOf(needle));

test('quotes, comments and here-documents are told apart', () => {
  const t = `echo 'a #b' "c $d" # note\ncat <<'EOF'\n$(cat) x\nEOF\ncat <<-END\n\t$y\n\tEND\necho $\{#arr} $# done`;
  assert.equal(kindOf(t, 'a #b'), 'single');
  assert.equal(kindOf(t, 'c $d'), 'double');
  assert.equal(kindOf(t, '# note'), 'comment');
  assert.equal(kindOf(t, '$(cat)'), 'heredocQuoted');
  assert.equal(kindOf(t, '$y'), 'heredoc');
  assert.equal(kindOf(t, 'done'), 'code');
  assert.equal(kindOf(t, '$#'), 'code', '$# is not a comment');
});

test('a shift inside arithmetic is not a here-document', () => {
  const t = 'echo $((1 << 2))\necho "$x"';
  assert.equal(kindOf(t, '"$x"'), 'double');
});

test('broken input never throws', () => {
  for (const t of ['echo "unclosed', "echo 'x", 'cat <<EOF\nno end', '\\', '$\'']) assert.ok(lexShell(t).length > 0);
});

test('a console transcript keeps only its commands, at the same offsets', () => {
  const body = '$ kubectl get pods\nNAME    READY\napi-0   1/1\nuser@host:~$ echo "a" \\\n> "b"\n';
  assert.ok(isTranscript(body));
  assert.ok(!isTranscript('kubectl get pods\n$ not a prompt'));
  const cmds = transcriptCommands(body);
  assert.equal(cmds.length, body.length);
  assert.deepEqual(cmds.split('\n').map((l) => l.trim()), ['kubectl get pods', '', '', 'echo "a" \\', '"b"', '']);
  assert.equal(cmds.indexOf('kubectl'), body.indexOf('kubectl'));
});

test('regions cover the text without gaps', () => {
  for (const t of ["a 'b' \"c\" # d\ncat <<A <<'B'\n1\nA\n2\nB\ntail", 'x <<EOF\nunterminated', "echo $'a\\'b' c", '#!/bin/bash\n# c\n\necho']) {
    const regions = lexShell(t);
    let at = 0;
    for (const r of regions) { assert.equal(r.start, at, JSON.stringify(t)); at = r.end; }
    assert.equal(at, t.length);
  }
  const two = "cat <<A <<'B'\n$x\nA\n$y\nB\n";
  assert.equal(kindAt(lexShell(two), two.indexOf('$x')), 'heredoc');
  assert.equal(kindAt(lexShell(two), two.indexOf('$y')), 'heredocQuoted');
});
