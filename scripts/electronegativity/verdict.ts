// Whether Electronegativity's findings pass: any HIGH finding fails; a MEDIUM finding fails unless
// the suppression file names its check and file with a written justification; LOW and
// INFORMATIONAL findings are shown, never fatal. A suppression that no longer matches a MEDIUM
// finding fails too, so the file only ever lists findings that exist.
import { z } from 'zod';

const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** Electronegativity's check id, e.g. `OPEN_EXTERNAL_JS_CHECK`. */
  readonly id: string;
  readonly severity: Severity;
  readonly confidence: string;
  /** Relative to the scanned folder, with `/` separators; `N/A` for whole-app (global) findings. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly description: string;
  /** Electronegativity marks some findings as "review this", rather than "this is wrong". */
  readonly manualReview: boolean;
}

export interface Suppression {
  readonly id: string;
  readonly file: string;
  readonly justification: string;
}

export interface Verdict {
  /** HIGH findings, and MEDIUM findings no suppression covers. */
  readonly failures: readonly Finding[];
  readonly suppressed: readonly { readonly finding: Finding; readonly justification: string }[];
  /** Suppressions that match no MEDIUM finding (gone, moved, or of another severity). */
  readonly staleSuppressions: readonly Suppression[];
  /** LOW and INFORMATIONAL findings. */
  readonly notes: readonly Finding[];
  readonly ok: boolean;
}

/** One issue as Electronegativity's `run()` returns it. */
const RawIssue = z.object({
  id: z.string().min(1),
  file: z.string(),
  location: z.object({ line: z.number(), column: z.number() }),
  severity: z.object({ name: z.enum(SEVERITIES) }),
  confidence: z.object({ name: z.string() }),
  description: z.string(),
  manualReview: z.boolean().optional(),
});

/** Electronegativity's issues as findings; throws if their shape is not the one this was written for. */
export function parseFindings(issues: unknown): Finding[] {
  return z
    .array(RawIssue)
    .parse(issues)
    .map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file.replaceAll('\\', '/'),
      line: issue.location.line,
      column: issue.location.column,
      description: issue.description,
      manualReview: issue.manualReview ?? false,
    }));
}

const SuppressionFile = z
  .array(
    z.strictObject({
      id: z.string().regex(/^[A-Z0-9_]+$/, 'a check id, e.g. OPEN_EXTERNAL_JS_CHECK'),
      file: z.string().min(1),
      // A reason someone can check, not "ok" or "false positive".
      justification: z.string().trim().min(40, 'a justification of at least 40 characters: say why this is safe'),
    }),
  )
  .superRefine((entries, context) => {
    const seen = new Set<string>();
    for (const [index, entry] of entries.entries()) {
      const key = `${entry.id} ${entry.file}`;
      if (seen.has(key)) context.addIssue({ code: 'custom', path: [index], message: `${entry.id} in ${entry.file} is listed twice` });
      seen.add(key);
    }
  });

/** The suppression file's entries; throws with the reason if the file is malformed. */
export function parseSuppressions(json: unknown): Suppression[] {
  return SuppressionFile.parse(json);
}

/** Applies the rules in the module comment. */
export function judge(findings: readonly Finding[], suppressions: readonly Suppression[]): Verdict {
  const covering = (finding: Finding) => suppressions.find((entry) => entry.id === finding.id && entry.file === finding.file);
  const medium = findings.filter((finding) => finding.severity === 'MEDIUM');
  const suppressed = medium.flatMap((finding) => {
    const entry = covering(finding);
    return entry === undefined ? [] : [{ finding, justification: entry.justification }];
  });
  const failures = findings.filter(
    (finding) => finding.severity === 'HIGH' || (finding.severity === 'MEDIUM' && covering(finding) === undefined),
  );
  const staleSuppressions = suppressions.filter(
    (entry) => !medium.some((finding) => finding.id === entry.id && finding.file === entry.file),
  );
  const notes = findings.filter((finding) => finding.severity === 'LOW' || finding.severity === 'INFORMATIONAL');
  return { failures, suppressed, staleSuppressions, notes, ok: failures.length === 0 && staleSuppressions.length === 0 };
}

/** The verdict as lines for the console, failures first. */
export function describeVerdict(verdict: Verdict): string[] {
  const where = (finding: Finding) => (finding.file === 'N/A' ? 'the whole app' : `${finding.file}:${finding.line}:${finding.column}`);
  return [
    ...verdict.failures.map((finding) => `FAIL ${finding.severity} ${finding.id} at ${where(finding)}: ${finding.description}`),
    ...verdict.staleSuppressions.map(
      (entry) => `FAIL stale suppression: ${entry.id} in ${entry.file} matches no MEDIUM finding; remove it from the suppression file`,
    ),
    ...verdict.suppressed.map(
      ({ finding, justification }) => `ok   ${finding.severity} ${finding.id} at ${where(finding)}, suppressed: ${justification}`,
    ),
    ...verdict.notes.map((finding) => `note ${finding.severity} ${finding.id} at ${where(finding)}: ${finding.description}`),
    verdict.ok
      ? `Electronegativity: passed (${verdict.suppressed.length} suppressed, ${verdict.notes.length} notes)`
      : `Electronegativity: ${verdict.failures.length} failing finding(s), ${verdict.staleSuppressions.length} stale suppression(s)`,
  ];
}
