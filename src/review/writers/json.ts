/** Machine-readable report. Keys are emitted in a fixed order so output is byte-stable. */
import { RULES } from '../findings';
import type { Report } from '../review';
import type { GraphOption } from './graph-block';

export interface JsonOptions {
  /** `none` leaves the access graphs out. */
  graph?: GraphOption;
}

export const JSON_REPORT_VERSION = 1;

export function reportToJson(report: Report, options: JsonOptions = {}): unknown {
  return {
    reportVersion: JSON_REPORT_VERSION,
    tool: 'irsa-review',
    sources: report.sources,
    counts: report.counts,
    summary: report.summary.map((r) => ({ type: r.type, ...r.counts })),
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      title: RULES.find((r) => r.id === f.ruleId)?.title ?? f.ruleId,
      source: f.source,
      address: f.address,
      message: f.message,
    })),
    notAnalysed: report.notAnalysed.map((n) => ({
      source: n.source,
      address: n.address,
      policy: n.policy,
      reason: n.reason,
    })),
    roles: report.roles.map((r) => ({
      source: r.source,
      address: r.address,
      name: r.name,
      action: r.kind,
      importing: r.importing,
      previousAddress: r.previousAddress ?? null,
      actionReason: r.actionReason ?? null,
      replacePaths: r.replacePaths,
      trust: { before: r.trustBefore, after: r.trustAfter, changed: r.analysis.trustChanged },
      access: {
        widened: r.analysis.widened,
        narrowed: r.analysis.narrowed,
        issuers: r.analysis.accessRows,
        subjectChecks: r.analysis.subjectChecks.map((c) => ({
          issuer: c.issuer,
          subject: c.subject,
          before: c.before ?? null,
          after: c.after ?? null,
        })),
        notes: [
          ...new Set([...(r.analysis.accessAfter?.notes ?? []), ...(r.analysis.accessBefore?.notes ?? [])]),
        ].sort(),
        otherPrincipals: r.analysis.accessAfter?.otherPrincipals ?? [],
      },
      trustDiff: r.analysis.trustDiff,
      permissionChanges: r.analysis.permissionChanges.map((p) => ({
        policy: p.label,
        before: p.before,
        after: p.after,
        diff: p.diff,
        ...(p.error ? { error: p.error } : {}),
      })),
      managedPolicyChanges: r.managedChanges.map((m) => ({
        arn: m.arn,
        status: m.status,
        address: m.address,
      })),
      permissionsBoundary: r.boundary ?? null,
      usedBy: r.usedBy,
      ...(r.podIdentity ? { podIdentity: r.podIdentity } : {}),
    })),
    // The access graph per plan, as drawn in the Markdown report (there cut to fit; here whole).
    ...(options.graph === 'none' ? {} : { graphs: report.graphs }),
  };
}

export function writeJson(report: Report, options: JsonOptions = {}): string {
  return `${JSON.stringify(reportToJson(report, options), null, 2)}\n`;
}
