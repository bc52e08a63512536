// `$VAR` placeholders: a variable no earlier block sets and the chosen environment does not define
// is a value the reader must supply. Needs the blocks before it, hence a document analyzer.
// Earlier plain assignments count as well as exports: the run step keeps one shell session.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { DocumentAnalyzer, Placeholder } from '../analysis/types';
import { BodyMap } from '../analysis/bodyMap';
import { prepareShell } from './prepare';
import { isShellBlock } from './syntaxAnalyzer';
import { findDefinitions, findUses, standardVariables } from './variables';

export const variablePlaceholders: DocumentAnalyzer = {
  id: 'shell/variables',
  analyze: ({ model, text, envVariables }) => {
    const doc = TextDocument.create(model.uri, 'markdown', model.version, text);
    const defined = new Set<string>();
    const placeholders: Placeholder[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const block of model.blocks) {
      if (!isShellBlock(block)) continue;
      const prepared = prepareShell(block.body);
      if (prepared.foreign) continue;
      const defs = findDefinitions(prepared.text, prepared.regions);
      const map = new BodyMap(block, doc);
      const reported = new Set<string>();
      for (const u of findUses(prepared.text, prepared.regions)) {
        if (defined.has(u.name) || envVariables.has(u.name) || standardVariables.has(u.name)) continue;
        if (defs.some((d) => d.name === u.name && d.start < u.start)) continue;
        const range = map.range({ start: u.start, end: u.end });
        placeholders.push({ name: u.name, kind: 'variable', text: u.text, range, blockIndex: block.index });
        if (reported.has(u.name)) continue;
        reported.add(u.name);
        diagnostics.push({
          range, severity: DiagnosticSeverity.Information, code: 'placeholder', source: 'runbook',
          message: `$${u.name} is not set by an earlier block or by the chosen environment: you will be asked for a value.`,
        });
      }
      for (const d of defs) defined.add(d.name);
    }
    return { diagnostics, placeholders };
  },
};
