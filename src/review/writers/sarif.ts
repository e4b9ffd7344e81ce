/**
 * SARIF 2.1.0 for GitHub code scanning. Results point at the plan file (line 1) and name the Terraform
 * address as a logical location; fingerprints are content hashes so alerts stay stable across runs.
 */
import type * as Crypto from 'node:crypto';
import { RULES, type Severity } from '../findings';
import type { Report } from '../review';
import { ruleLink, type WriterOptions } from './common';

/** node:crypto, loaded when a SARIF report is written: the other formats never need it (~6 ms to load). */
function crypto(): typeof Crypto {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading on first use is the point
  return require('node:crypto') as typeof Crypto;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  high: 'error',
  medium: 'warning',
  low: 'note',
};
/** GitHub's security-severity scale: high >= 7.0, medium 4.0-6.9, low < 4.0. */
const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.0', low: '2.0' };

function isAbsoluteUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}

export function reportToSarif(report: Report, options: WriterOptions = {}): unknown {
  const rules = RULES.map((r) => {
    const link = ruleLink(r.id, options);
    return {
      id: r.id,
      name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
      shortDescription: { text: r.title },
      fullDescription: { text: `${r.title}. See ${link}.` },
      ...(isAbsoluteUrl(link) ? { helpUri: link } : {}),
      help: {
        text: `${r.title}. Documentation: ${link}`,
        markdown: `**${r.title}**. See [${r.id}](${link}).`,
      },
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: { tags: ['security', 'iam', 'irsa'], 'security-severity': SECURITY_SEVERITY[r.severity] },
    };
  });
  const results = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: RULES.findIndex((r) => r.id === f.ruleId),
    level: LEVEL[f.severity],
    message: { text: `${f.address}: ${f.message}` },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: f.source }, region: { startLine: 1 } },
        logicalLocations: [{ fullyQualifiedName: f.address, kind: 'resource' }],
      },
    ],
    partialFingerprints: {
      'irsaFinding/v1': crypto()
        .createHash('sha256')
        .update(`${f.ruleId}\n${f.source}\n${f.address}\n${f.message}`)
        .digest('hex'),
    },
    properties: { severity: f.severity, 'security-severity': SECURITY_SEVERITY[f.severity] },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'irsa-review', rules } },
        results,
        // Policies the review could not read: reported, never silently dropped.
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.notAnalysed.map((n) => ({
              level: 'warning',
              message: { text: `${n.address}: ${n.policy} not analysed, because ${n.reason}` },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: n.source }, region: { startLine: 1 } },
                  logicalLocations: [{ fullyQualifiedName: n.address, kind: 'resource' }],
                },
              ],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

export function writeSarif(report: Report, options: WriterOptions = {}): string {
  return `${JSON.stringify(reportToSarif(report, options), null, 2)}\n`;
}
