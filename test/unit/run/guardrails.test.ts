import test from 'node:test';
import assert from 'node:assert/strict';
import { decideStep, decidePlan, confirmationSatisfied, type StepFacts } from '../../../server/src/run/guardrails';

const base: StepFacts = { explicit: true, trusted: true, env: { name: 'staging', protected: false }, command: 'kubectl get pods', substituted: false, dangers: [] };
const danger = [{ rule: 'kubectl-delete', reason: 'deletes Kubernetes resources' }];

test('nothing runs without an explicit request or in an untrusted workspace', () => {
  assert.equal(decideStep({ ...base, explicit: false }).kind, 'refuse');
  const d = decideStep({ ...base, trusted: false });
  assert.equal(d.kind, 'refuse');
  assert.match((d as { reason: string }).reason, /not trusted/);
});

test('a plain step on an unprotected environment just runs', () => {
  assert.deepEqual(decideStep(base), { kind: 'run' });
});

test('protected environment: modal naming the environment and showing the command', () => {
  const d = decideStep({ ...base, env: { name: 'production', protected: true } });
  assert.equal(d.kind, 'confirm');
  if (d.kind !== 'confirm') return;
  assert.equal(d.level, 'modal');
  assert.match(d.title, /production/);
  assert.match(d.detail, /kubectl get pods/);
});

test('protected environment with a dangerous finding: the user must type the name', () => {
  const d = decideStep({ ...base, env: { name: 'production', protected: true }, dangers: danger, command: 'kubectl delete pod x' });
  assert.equal(d.kind === 'confirm' && d.level, 'type-name');
  if (d.kind !== 'confirm') return;
  assert.equal(d.expected, 'production');
  assert.equal(confirmationSatisfied(d, 'production'), true);
  assert.equal(confirmationSatisfied(d, 'staging'), false);
  assert.equal(confirmationSatisfied(d, true), false);
  // An approved plan does not waive the per-step check for dangerous steps.
  assert.equal(decideStep({ ...base, env: { name: 'production', protected: true }, dangers: danger, planApproved: true }).kind, 'confirm');
});

test('dangerous step on an unprotected environment: a light confirmation a setting can turn off', () => {
  const d = decideStep({ ...base, dangers: danger });
  assert.equal(d.kind === 'confirm' && d.level, 'light');
  assert.deepEqual(decideStep({ ...base, dangers: danger }, { confirmDangerousInUnprotected: false }), { kind: 'run' });
});

test('filled-in placeholders: the user reviews the final command', () => {
  const d = decideStep({ ...base, substituted: true, command: "kubectl logs 'api 1'" });
  assert.equal(d.kind === 'confirm' && d.level, 'review');
  assert.equal(d.kind === 'confirm' && d.command, "kubectl logs 'api 1'");
});

test('a plan on a protected environment is confirmed once, listing the steps', () => {
  const steps = [
    { blockIndex: 0, sectionPath: ['Diagnose'], firstLine: 'kubectl get pods', dangerous: false },
    { blockIndex: 2, sectionPath: ['Fix'], firstLine: 'kubectl delete pod x', dangerous: true },
  ];
  const d = decidePlan({ explicit: true, trusted: true, env: { name: 'production', protected: true }, steps });
  assert.equal(d.kind === 'confirm' && d.level, 'modal');
  assert.match(d.kind === 'confirm' ? d.detail : '', /1\. \[Diagnose\] kubectl get pods\n2\. \[Fix\] kubectl delete pod x {2}⚠ dangerous/);
  assert.equal(decidePlan({ explicit: true, trusted: true, env: { name: 'staging', protected: false }, steps }).kind, 'run');
  assert.equal(decidePlan({ explicit: true, trusted: false, env: { name: 'staging', protected: false }, steps }).kind, 'refuse');
  // Approved plan: non-dangerous protected steps then run without asking again.
  assert.equal(decideStep({ ...base, env: { name: 'production', protected: true }, planApproved: true }).kind, 'run');
});
