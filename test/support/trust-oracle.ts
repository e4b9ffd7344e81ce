/**
 * A deliberately small IAM evaluator for web-identity and service-principal (EKS Pod Identity) trust policies, written independently of
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
  return evaluate(
    policy,
    (principal) => principal === '*' || asList(principal.Federated).includes(request.federatedPrincipal),
    request.action,
    request.context,
  );
}

/** A request from an AWS service principal (e.g. `pods.eks.amazonaws.com`) with its request context. */
export interface ServiceRequest {
  servicePrincipal: string;
  action: string;
  context: Record<string, string>;
}

export function allowsService(policy: PolicyDocument, request: ServiceRequest): boolean {
  return evaluate(
    policy,
    (principal) => principal === '*' || asList(principal.Service).includes(request.servicePrincipal),
    request.action,
    request.context,
  );
}

export interface PodIdentityCall {
  cluster: string;
  namespace: string;
  serviceAccount: string;
  /** The association's `disableSessionTags`. @default false */
  sessionTagsDisabled?: boolean;
}

/**
 * Whether EKS Pod Identity can get credentials for the role for a pod: it calls sts:AssumeRole with the
 * six documented session tags, which STS also authorizes as sts:TagSession
 * (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html). Without session tags there is no
 * TagSession and no aws:RequestTag key in the context.
 */
export function podIdentityAdmits(policy: PolicyDocument, call: PodIdentityCall): boolean {
  const context: Record<string, string> = call.sessionTagsDisabled
    ? {}
    : {
        'aws:RequestTag/eks-cluster-arn': `arn:aws:eks:us-east-1:111122223333:cluster/${call.cluster}`,
        'aws:RequestTag/eks-cluster-name': call.cluster,
        'aws:RequestTag/kubernetes-namespace': call.namespace,
        'aws:RequestTag/kubernetes-service-account': call.serviceAccount,
        'aws:RequestTag/kubernetes-pod-name': `${call.serviceAccount}-7d9f8b-x2x4q`,
        'aws:RequestTag/kubernetes-pod-uid': '0d9c7c1e-5b8e-4a55-9f6e-2b7d1c3a4e5f',
      };
  const request = (action: string) => ({ servicePrincipal: 'pods.eks.amazonaws.com', action, context });
  const assume = allowsService(policy, request('sts:AssumeRole'));
  return call.sessionTagsDisabled ? assume : assume && allowsService(policy, request('sts:TagSession'));
}

type Principal = Exclude<PolicyDocument['Statement'][number]['Principal'], undefined>;

function evaluate(
  policy: PolicyDocument,
  principalMatches: (principal: Principal) => boolean,
  action: string,
  context: Record<string, string>,
): boolean {
  let allowed = false;
  for (const statement of policy.Statement) {
    const principal = statement.Principal;
    const principalOk = principal !== undefined && principalMatches(principal);
    const actionOk = asList(statement.Action).some((a) => globMatch(a, action));
    let conditionsOk = true;
    for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
      for (const [key, values] of Object.entries(keys)) {
        const actual = context[key];
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
