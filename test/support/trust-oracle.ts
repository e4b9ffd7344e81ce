/**
 * A deliberately small IAM evaluator for web-identity trust policies, written independently of
 * `buildTrustPolicy` so the property tests compare two separate readings of IAM's rules:
 * statements ORed, operators and keys ANDed, a key's values ORed, StringEquals literal, StringLike glob.
 */
import type { PolicyDocument } from '../../src/policy/document';

export interface WebIdentityRequest {
  federatedPrincipal: string;
  action: string;
  context: Record<string, string>;
}

/** Glob match by recursion (not by regex), so it shares no code path with other matchers. */
export function globMatch(pattern: string, text: string): boolean {
  if (pattern.length === 0) return text.length === 0;
  const [p, ...rest] = pattern;
  const restPattern = rest.join('');
  if (p === '*') {
    for (let i = 0; i <= text.length; i++) if (globMatch(restPattern, text.slice(i))) return true;
    return false;
  }
  if (text.length === 0) return false;
  if (p === '?' || p === text[0]) return globMatch(restPattern, text.slice(1));
  return false;
}

const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

export function allows(policy: PolicyDocument, request: WebIdentityRequest): boolean {
  let allowed = false;
  for (const statement of policy.Statement) {
    const principal = statement.Principal;
    const federated = principal && principal !== '*' ? asList(principal.Federated) : [];
    const principalOk = principal === '*' || federated.includes(request.federatedPrincipal);
    const actionOk = asList(statement.Action).some((a) => globMatch(a, request.action));
    let conditionsOk = true;
    for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
      for (const [key, values] of Object.entries(keys)) {
        const actual = request.context[key];
        if (actual === undefined) {
          conditionsOk = false;
          continue;
        }
        const match =
          operator === 'StringEquals'
            ? [values]
                .flat()
                .map(String)
                .some((v) => v === actual)
            : operator === 'StringLike'
              ? [values]
                  .flat()
                  .map(String)
                  .some((v) => globMatch(v, actual))
              : false; // an operator this oracle does not know never matches
        if (!match) conditionsOk = false;
      }
    }
    const matches = principalOk && actionOk && conditionsOk;
    if (matches && statement.Effect === 'Deny') return false;
    if (matches && statement.Effect === 'Allow') allowed = true;
  }
  return allowed;
}
