/** Small formatting helpers shared by the writers. */
import { ANY_ISSUER } from '../../iam/access';
import type { StatementDiff } from '../../iam/diff';
import type { Finding } from '../findings';
import type { NotAnalysed, RoleReport } from '../review';

/** `<policy> of <address> not analysed, because <reason>`. */
export function notAnalysedLine(n: NotAnalysed, multiple: boolean): string {
  return `${n.policy} of ${located(n, multiple)} not analysed, because ${n.reason}`;
}

/**
 * Text from the plan made safe for a terminal or a Markdown comment: C0/C1 control characters (terminal
 * escape sequences start with ESC or CSI), lone CRs and Unicode line/paragraph separators are shown as
 * `\xNN`/`\uNNNN` escapes; `\n` is kept only when `keepNewlines`.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
export function sanitize(text: string, keepNewlines = true): string {
  return text.replace(
    keepNewlines
      ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g
      : /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => {
      const code = c.charCodeAt(0);
      return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
    },
  );
}
/* eslint-enable no-control-regex */

export interface WriterOptions {
  /** Prefix for rule documentation links (default `docs/rules/`, relative to the repository). */
  rulesUrl?: string;
}

export const DEFAULT_RULES_URL = 'docs/rules/';

export function ruleLink(ruleId: string, options: WriterOptions): string {
  return `${options.rulesUrl ?? DEFAULT_RULES_URL}${ruleId}.md`;
}

export function issuerLabel(issuer: string): string {
  return issuer === ANY_ISSUER ? 'any principal (*)' : issuer;
}

/** `address` alone for one plan, `source: address` when several plans are reviewed. */
export function located(f: Pick<Finding, 'source' | 'address'>, multiple: boolean): string {
  return multiple ? `${f.source}: ${f.address}` : f.address;
}

export function roleHeadline(r: RoleReport): string {
  const bits: string[] = [r.kind];
  if (r.importing) bits.push('import');
  if (r.previousAddress !== undefined) bits.push(`moved from ${r.previousAddress}`);
  return bits.join(', ');
}

export function accessVerdict(r: RoleReport): string {
  const a = r.analysis;
  if (r.kind === 'create') return 'new role';
  if (r.kind === 'delete') return 'role deleted';
  if (a.widened && a.narrowed) return 'access widened and narrowed';
  if (a.widened) return 'access widened';
  if (a.narrowed) return 'access narrowed';
  return 'access unchanged';
}

/** Unified-diff style lines for statement diffs. */
export function diffLines(diffs: readonly StatementDiff[]): string[] {
  const out: string[] = [];
  for (const d of diffs) {
    out.push(`@@ ${d.label} (${d.status}) @@`);
    for (const f of d.removed) out.push(`- ${f}`);
    for (const f of d.added) out.push(`+ ${f}`);
  }
  return out;
}

/** A policy state that needs no explanation: set, or not there. */
const plainState = (state: string): boolean => state === 'known' || state === 'absent';

function stateLabel(state: string): string {
  if (state === 'known') return 'set';
  if (state === 'absent') return 'none';
  if (state === 'unknown') return '(known after apply)';
  if (state === 'sensitive') return '(sensitive value)';
  if (state === 'invalid') return 'not a valid policy';
  return state;
}

/** Every line of a role's details, shared by the text and markdown writers. */
export function roleDetailLines(r: RoleReport): { heading: string; lines: string[]; diff?: string[] }[] {
  const parts: { heading: string; lines: string[]; diff?: string[] }[] = [];
  const facts: string[] = [`name: ${r.name}`];
  if (r.actionReason !== undefined) facts.push(`action reason: ${r.actionReason}`);
  if (r.replacePaths.length > 0) facts.push(`replaced because of: ${r.replacePaths.join(', ')}`);
  if (r.usedBy.length > 0) facts.push(`used by: ${r.usedBy.join(', ')}`);
  if (r.boundary) facts.push(`permissions boundary: ${r.boundary.before} -> ${r.boundary.after}`);
  for (const m of r.managedChanges) facts.push(`managed policy ${m.status}: ${m.arn} (${m.address})`);
  parts.push({ heading: 'Role', lines: facts });
  if (r.analysis.trustChanged) {
    const lines =
      plainState(r.trustBefore) && plainState(r.trustAfter)
        ? []
        : [`trust policy: ${stateLabel(r.trustBefore)} -> ${stateLabel(r.trustAfter)}`];
    parts.push({ heading: 'Trust policy', lines, diff: diffLines(r.analysis.trustDiff) });
  }
  for (const p of r.analysis.permissionChanges) {
    const lines: string[] = [];
    if (!plainState(p.before) || !plainState(p.after))
      lines.push(`policy: ${stateLabel(p.before)} -> ${stateLabel(p.after)}`);
    if (p.error) lines.push(`cannot be read: ${p.error}`);
    parts.push({ heading: `Permission policy ${p.label}`, lines, diff: diffLines(p.diff) });
  }
  if (r.podIdentity) {
    const pi = r.podIdentity;
    const lines = [`trust: ${pi.trustBefore} -> ${pi.trustAfter}`];
    lines.push(
      `associations before: ${pi.associationsBefore.length > 0 ? pi.associationsBefore.join(', ') : 'none'}`,
    );
    lines.push(
      `associations after: ${pi.associationsAfter.length > 0 ? pi.associationsAfter.join(', ') : 'none'}`,
    );
    parts.push({ heading: 'EKS Pod Identity (pods.eks.amazonaws.com)', lines });
  }
  const checks = r.analysis.subjectChecks;
  if (checks.length > 0) {
    const yn = (v: boolean | undefined): string => (v === undefined ? '-' : v ? 'yes' : 'no');
    parts.push({
      heading: 'Evaluator check (can this subject assume the role? before / after)',
      lines: checks.map((c) => `${c.issuer} ${c.subject}: ${yn(c.before)} / ${yn(c.after)}`),
    });
  }
  const notes = [...(r.analysis.accessAfter?.notes ?? []), ...(r.analysis.accessBefore?.notes ?? [])];
  const others = [...(r.analysis.accessAfter?.otherPrincipals ?? [])];
  if (others.length > 0) notes.push(`also trusts: ${others.join(', ')}`);
  if (r.usedBy.length > 0 && r.trustAfter !== 'known' && r.kind !== 'delete') {
    notes.push(
      'the trust policy is not readable in the plan, so the service accounts using it were not checked',
    );
  }
  if (notes.length > 0) parts.push({ heading: 'Notes', lines: [...new Set(notes)].sort() });
  return parts;
}
