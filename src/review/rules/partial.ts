/** IRSA041: a trust known only after apply whose known parts already admit a wildcard of service accounts. */
import { partialTrusts, wildcardSubjects } from '../partial-trust';
import type { Finding } from '../findings';
import { finding, type Rule } from './context';
import { wildcardSubjectSeverity } from './trust';

export const partialTrustWildcard: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of context.analyses) {
    if (a.kind === 'delete' || !a.trustChanged || a.role.trust.after.state !== 'unknown') continue;
    for (const trust of partialTrusts(a.role, context.model)) {
      const unknown = trust.unknownParts.length > 0 ? trust.unknownParts.join(', ') : 'nothing';
      for (const w of wildcardSubjects(trust)) {
        out.push(
          finding(
            context,
            'IRSA041',
            wildcardSubjectSeverity(w.value),
            a.role.address,
            `trust is known only after apply, but its known parts (${trust.document} statement ${w.statement}) allow ${w.test} "${w.value}": every service account it matches can assume the role whatever the unknown parts are (unknown: ${unknown})`,
          ),
        );
      }
    }
  }
  return out;
};
