/** IRSA006: a subject can assume the role after the change that could not before. */
import { ANY_ISSUER, FRESH_SUBJECT, PROBE_FILLER, shortSubject } from '../../iam/access';
import type { Finding } from '../findings';
import { finding, type Rule } from './context';

export const accessWidened: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of context.analyses) {
    if (!a.widened) continue;
    const parts = a.comparison.issuers
      .filter((c) => c.widened.length > 0)
      .map((c) => {
        const who = c.widened.map((p) => (p === '*' ? 'any service account' : shortSubject(p))).join(', ');
        return `${c.issuer === ANY_ISSUER ? 'any issuer' : c.issuer}: ${who}`;
      });
    for (const probe of a.probeWidened) {
      if (parts.some((p) => p.startsWith(`${probe.issuer === ANY_ISSUER ? 'any issuer' : probe.issuer}:`)))
        continue;
      const who =
        probe.subject === FRESH_SUBJECT
          ? 'service accounts no statement names'
          : `subjects matching ${shortSubject(probe.subject).split(PROBE_FILLER).join('*')}`;
      parts.push(`${probe.issuer === ANY_ISSUER ? 'any issuer' : probe.issuer}: ${who}`);
    }
    for (const check of a.subjectChecks) {
      if (check.before === false && check.after === true) {
        const text = `${check.issuer}: ${shortSubject(check.subject)}`;
        if (!parts.some((p) => p.startsWith(`${check.issuer}:`) && p.includes(shortSubject(check.subject))))
          parts.push(text);
      }
    }
    out.push(
      finding(
        context,
        'IRSA006',
        'high',
        a.role.address,
        `access widened: newly admitted ${parts.sort().join('; ')}`,
      ),
    );
  }
  return out;
};
