/** The language check (goal P1.7): pure text-in, findings-out functions, plus the sources the
 * command checks without files and the record the report reads. */
export { checkedText, formatForFile, sniffFormat, type TextFormat } from './extract.js';
export { applyFixes, compileTerms, lineAt, lintText, matchCase, type CompiledTerms, type Edit, type Finding } from './match.js';
export { builtinTerms, mergeTerms, parseTermList, readTermsFile, type TermEntry, type TermList } from './terms.js';
export { coalitionTextSources, latestLintRun, lintCoalition, lintSources, recordLintRun, templateSources, type LintRun, type RecordedFinding, type SourcedFinding, type TextSource } from './sources.js';
