// `$VAR` placeholders: a variable no earlier block sets and the chosen environment does not define
// is a value the reader must supply. Needs the blocks before it, hence a document analyzer.
// Earlier plain assignments count as well as exports: the run step keeps one shell session.
//
// Each block's definitions and uses depend on its body only and are kept per body; what does
// depend on the rest of the document (which names earlier blocks set) is a set lookup per use.
// A block whose unresolved uses did not change since the last keystroke, at the same place,
// reuses its mapped findings.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { DocumentAnalyzer, Placeholder } from '../analysis/types';
import { BodyMap } from '../analysis/bodyMap';
import { ContentMemo } from '../analysis/contentMemo';
import { blockOrigin } from '../model/build';
import { prepareShell } from './prepare';
import { isShellBlock } from './syntaxAnalyzer';
import { findDefinitions, findUses, standardVariables, type VarDef, type VarUse } from './variables';

interface BodyVariables { defs: VarDef[]; uses: VarUse[] }

const variablesOf = new ContentMemo<BodyVariables | undefined>((body) => {
  const prepared = prepareShell(body);
  if (prepared.foreign) return undefined;
  return { defs: findDefinitions(prepared.text, prepared.regions), uses: findUses(prepared.text, prepared.regions) };
});

interface Mapped { line: number; index: number; unresolved: string; placeholders: Placeholder[]; diagnostics: Diagnostic[] }
const mappedFor = new WeakMap<object, Mapped>();

export const variablePlaceholders: DocumentAnalyzer = {
  id: 'shell/variables',
  analyze: ({ model, text, envVariables, document }) => {
    const defined = new Set<string>();
    const placeholders: Placeholder[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const block of model.blocks) {
      if (!isShellBlock(block)) continue;
      const vars = variablesOf.get(block.body);
      if (!vars) continue;
      const unresolved: VarUse[] = [];
      for (const u of vars.uses) {
        if (defined.has(u.name) || envVariables.has(u.name) || standardVariables.has(u.name)) continue;
        if (vars.defs.some((d) => d.name === u.name && d.start < u.start)) continue;
        unresolved.push(u);
      }
      for (const d of vars.defs) defined.add(d.name);
      if (!unresolved.length) continue;
      const key = unresolved.map((u) => u.start).join(',');
      const origin = blockOrigin(block);
      let m = origin && mappedFor.get(origin);
      if (!m || m.line !== block.bodyRange.start.line || m.index !== block.index || m.unresolved !== key) {
        m = { line: block.bodyRange.start.line, index: block.index, unresolved: key, ...mapUses(block, unresolved, { text, doc: document }) };
        if (origin) mappedFor.set(origin, m);
      }
      for (const p of m.placeholders) placeholders.push(p);
      for (const d of m.diagnostics) diagnostics.push(d);
    }
    return { diagnostics, placeholders };
  },
};

function mapUses(block: ConstructorParameters<typeof BodyMap>[0], uses: VarUse[], source: ConstructorParameters<typeof BodyMap>[1]): Pick<Mapped, 'placeholders' | 'diagnostics'> {
  const map = new BodyMap(block, source);
  const placeholders: Placeholder[] = [];
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const u of uses) {
    const range = map.range({ start: u.start, end: u.end });
    placeholders.push({ name: u.name, kind: 'variable', text: u.text, range, blockIndex: block.index });
    if (reported.has(u.name)) continue;
    reported.add(u.name);
    diagnostics.push({
      range, severity: DiagnosticSeverity.Information, code: 'placeholder', source: 'runbook',
      message: `$${u.name} is not set by an earlier block or by the chosen environment: you will be asked for a value.`,
    });
  }
  return { placeholders, diagnostics };
}
