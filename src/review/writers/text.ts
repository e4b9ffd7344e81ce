/** Plain-text report for terminals and logs: everything, never cut. */
import { COUNT_KINDS, type Report } from '../review';
import {
  accessVerdict,
  issuerLabel,
  located,
  notAnalysedLine,
  roleDetailLines,
  roleHeadline,
  sanitize,
} from './common';

export function writeText(report: Report): string {
  const multiple = report.sources.length > 1;
  const lines: string[] = [];
  const { high, medium, low } = report.counts;
  lines.push(
    `irsa-review: ${high} high, ${medium} medium, ${low} low finding(s) in ${report.sources.join(', ')}`,
  );
  lines.push('');
  lines.push('Changes:');
  const width = Math.max(13, ...report.summary.map((r) => r.type.length));
  lines.push(`  ${'resource type'.padEnd(width)}  ${COUNT_KINDS.map((k) => k.padStart(7)).join(' ')}`);
  for (const row of report.summary) {
    lines.push(
      `  ${row.type.padEnd(width)}  ${COUNT_KINDS.map((k) => String(row.counts[k]).padStart(7)).join(' ')}`,
    );
  }
  if (report.summary.length === 0) lines.push('  (no resource changes)');
  lines.push('');
  lines.push('Findings:');
  if (report.findings.length === 0) lines.push('  none');
  for (const f of report.findings) {
    lines.push(`  ${f.severity.toUpperCase().padEnd(6)} ${f.ruleId} ${located(f, multiple)}: ${f.message}`);
  }
  if (report.notAnalysed.length > 0) {
    lines.push('');
    lines.push('Not analysed:');
    for (const n of report.notAnalysed) lines.push(`  ${notAnalysedLine(n, multiple)}`);
  }
  for (const r of report.roles) {
    lines.push('');
    lines.push(`Role ${located(r, multiple)} (${roleHeadline(r)}): ${accessVerdict(r)}`);
    for (const row of r.analysis.accessRows) {
      lines.push(
        `  access ${issuerLabel(row.issuer)}: before: ${row.before}; after: ${row.after} [${row.change}]`,
      );
    }
    for (const part of roleDetailLines(r)) {
      lines.push(`  ${part.heading}:`);
      for (const l of part.lines) lines.push(`    ${l}`);
      for (const l of part.diff ?? []) lines.push(`    ${l}`);
    }
  }
  // Values from the plan never carry terminal escape sequences or line breaks into the output.
  return `${lines.map((l) => sanitize(l, false)).join('\n')}\n`;
}
