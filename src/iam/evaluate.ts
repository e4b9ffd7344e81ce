/**
 * Single-policy evaluation: statements are ORed, conditions within a statement ANDed, and an explicit
 * Deny wins over any Allow.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import { evaluateConditions, type RequestContext } from './conditions';
import type { PolicyDocument, PrincipalMap, Statement } from './document';
import { wildcardMatch } from './patterns';

export interface RequestPrincipal {
  /** `Federated`, `AWS`, `Service`, ... */
  type: string;
  id: string;
}

export interface PolicyRequest {
  action: string;
  /** Omitted for trust policies, whose statements name no resource. */
  resource?: string;
  principal?: RequestPrincipal;
  context: RequestContext;
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

/** True when the principal map names everyone (`"*"` or `"AWS": "*"`). */
export function isEveryonePrincipal(map: PrincipalMap): boolean {
  return (map['*'] ?? []).includes('*') || (map['AWS'] ?? []).includes('*');
}

function principalMatches(map: PrincipalMap, principal: RequestPrincipal): boolean {
  if (isEveryonePrincipal(map)) return true;
  return (map[principal.type] ?? []).includes(principal.id);
}

export function actionMatches(patterns: readonly string[], action: string): boolean {
  return patterns.some((p) => wildcardMatch(p, action, true));
}

/** Does `statement` apply to `request` (ignoring its Effect)? */
export function statementApplies(statement: Statement, request: PolicyRequest): boolean {
  if (statement.action && !actionMatches(statement.action, request.action)) return false;
  if (statement.notAction && actionMatches(statement.notAction, request.action)) return false;
  if (!statement.action && !statement.notAction) return false;
  if (request.resource !== undefined) {
    if (statement.resource && !statement.resource.some((r) => wildcardMatch(r, request.resource as string)))
      return false;
    if (
      statement.notResource &&
      statement.notResource.some((r) => wildcardMatch(r, request.resource as string))
    )
      return false;
  }
  if (request.principal) {
    if (statement.principal && !principalMatches(statement.principal, request.principal)) return false;
    if (statement.notPrincipal && principalMatches(statement.notPrincipal, request.principal)) return false;
  }
  return evaluateConditions(statement.conditions, request.context);
}

export function evaluatePolicy(document: PolicyDocument, request: PolicyRequest): Decision {
  let allowed = false;
  for (const statement of document.statements) {
    if (!statementApplies(statement, request)) continue;
    if (statement.effect === 'Deny') return 'explicit-deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'implicit-deny';
}
