// `Check symptoms on <env>` above each list that holds symptoms; after a check in that environment,
// `Re-check symptoms on <env> (1 of 3 present)`. Checking only reads from Prometheus (instant
// queries, as a hover does), so the lens shows in untrusted workspaces too; credentials still
// follow the environment's consent rules when the check runs.
import type { CodeLens } from 'vscode-languageserver/node';
import type { RunbookModel } from '../model/types';
import { symptomLists } from './detect';
import type { SymptomCheck } from './results';
import { CHECK_SYMPTOMS_COMMAND } from '../lsp/features/symptomsProtocol';

export function symptomLenses(model: RunbookModel, text: string, env: { name: string; protected: boolean }, check?: SymptomCheck): CodeLens[] {
  const lists = symptomLists(model, text);
  const total = lists.reduce((n, l) => n + l.symptoms.length, 0);
  const envLabel = env.protected ? `${env.name} ⚠` : env.name;
  return lists.map(l => {
    const at = { line: l.line, character: 0 };
    const n = l.symptoms.length;
    let title: string;
    if (check) {
      const present = l.symptoms.filter(s => check.results.get(s.expr)?.state === 'holds').length;
      title = `Re-check symptoms on ${envLabel} (${present} of ${n} present)`;
    } else title = `Check symptoms on ${envLabel} (${total === n ? `${n} symptom${n === 1 ? '' : 's'}` : `${total} symptoms in this runbook`})`;
    return { range: { start: at, end: at }, command: { title, command: CHECK_SYMPTOMS_COMMAND, arguments: [{ uri: model.uri }] } };
  });
}
