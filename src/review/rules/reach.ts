/**
 * Cross-account reach, IRSA030 and IRSA031: what this plan newly connects to another AWS account.
 * - IRSA030: a changed trust names the OIDC provider of another account as `Federated` principal.
 * - IRSA031: a ServiceAccount annotation, a Pod Identity association's `role_arn` or its `target_role_arn`
 *   newly points at a role of another account.
 * "Another account" is judged against the role's own ARN when known, else against the accounts the plan
 * manages (src/review/plan/accounts.ts); with neither, nothing is reported (it cannot be told).
 * https://docs.aws.amazon.com/eks/latest/userguide/cross-account-access.html
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-assign-target-role.html
 */
import { issuerOfProviderArn } from '../../iam/access';
import type { PolicyState } from '../plan/model';
import type { Finding } from '../findings';
import { arnAccount } from '../plan/accounts';
import { associationLabel } from '../plan/handlers/pod-identity-association';
import { slotText } from '../plan/values';
import { finding, type Rule } from './context';

/** Accounts a resource may be in, and how to name them in a message. */
export interface OwnAccounts {
  accounts: string[];
  text: string;
}

/** The account of `arn` (`arn:...:<account>:...`), else undefined. */
function ownFrom(arn: string | undefined, what: string): OwnAccounts | undefined {
  const account = arn === undefined ? undefined : arnAccount(arn);
  return account ? { accounts: [account], text: `${what} ${account}` } : undefined;
}

/** The accounts the plan manages, or undefined when it names none. */
export function planOwn(accounts: readonly string[]): OwnAccounts | undefined {
  if (accounts.length === 0) return undefined;
  return accounts.length === 1
    ? { accounts: [...accounts], text: `the account this plan manages (${accounts[0]})` }
    : { accounts: [...accounts], text: `any account this plan manages (${accounts.join(', ')})` };
}

/** An account outside `own`, or undefined (same account, or nothing to compare with). */
function foreign(arn: string, own: OwnAccounts | undefined): string | undefined {
  const account = arnAccount(arn);
  if (!own || account === undefined || own.accounts.includes(account)) return undefined;
  return account;
}

/** OIDC provider ARNs the Allow statements of a trust name as `Federated` principals. */
function federatedProviders(state: PolicyState): Set<string> {
  const out = new Set<string>();
  if (state.state !== 'known') return out;
  for (const s of state.document.statements) {
    if (s.effect !== 'Allow') continue;
    for (const arn of s.principal?.['Federated'] ?? [])
      if (issuerOfProviderArn(arn) !== undefined) out.add(arn);
  }
  return out;
}

/** IRSA030: a changed trust newly names another account's OIDC provider. */
export const foreignOidcProvider: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of context.analyses) {
    if (!a.trustChanged || a.kind === 'delete') continue;
    const role = a.role;
    const own =
      ownFrom(role.arnAfter ?? role.arnBefore, "this role's account") ?? planOwn(context.model.accounts);
    const before = a.kind === 'create' ? new Set<string>() : federatedProviders(role.trust.before);
    for (const arn of [...federatedProviders(role.trust.after)].sort()) {
      if (before.has(arn)) continue;
      const account = foreign(arn, own);
      if (account === undefined || !own) continue;
      out.push(
        finding(
          context,
          'IRSA030',
          'medium',
          role.address,
          `trust newly names the OIDC provider ${arn} of account ${account}, not ${own.text}: STS looks a web-identity token's issuer up among the OIDC providers of the role's own account, so this statement admits no pod; for pods of a cluster in account ${account}, create an OIDC provider for its issuer in the role's account and name that one`,
        ),
      );
    }
  }
  return out;
};

/** IRSA031: a workload newly points at a role of another account. */
export const foreignRole: Rule = (context) => {
  const out: Finding[] = [];
  const plan = planOwn(context.model.accounts);
  for (const sa of context.model.serviceAccounts) {
    const arn = slotText(sa.roleArn);
    if (sa.change.kind === 'delete' || arn === undefined || arn === sa.roleArnBefore) continue;
    const account = foreign(arn, plan);
    if (account === undefined || !plan) continue;
    out.push(
      finding(
        context,
        'IRSA031',
        'low',
        sa.address,
        `service account ${sa.namespace}:${sa.name} is now annotated with role ${arn} of account ${account}, not ${plan.text}: its pods get that account's permissions, which this plan cannot show; that role's trust must admit this service account through an OIDC provider for the cluster's issuer created in account ${account}`,
      ),
    );
  }
  for (const association of context.model.podIdentityAssociations) {
    const after = association.after;
    if (!after || association.change.kind === 'delete') continue;
    const before = association.before;
    const where = `association ${associationLabel(after)}`;
    const clusterOwn =
      ownFrom(
        [before?.associationArn, after.associationArn].find((x) => x !== undefined),
        "the cluster's account",
      ) ?? plan;
    if (after.roleArn !== undefined && after.roleArn !== before?.roleArn) {
      const account = foreign(after.roleArn, clusterOwn);
      if (account !== undefined && clusterOwn) {
        out.push(
          finding(
            context,
            'IRSA031',
            'medium',
            association.address,
            `${where} now uses role ${after.roleArn} of account ${account}, not ${clusterOwn.text}: EKS Pod Identity needs the association's role in the cluster's account (it passes the role with iam:PassRole), so pods get no credentials; put a role of the cluster's account in role_arn and the other account's role in target_role_arn`,
          ),
        );
      }
    }
    const target = after.targetRoleArn;
    if (target !== undefined && target !== before?.targetRoleArn) {
      const targetOwn =
        (after.roleArn !== undefined ? ownFrom(after.roleArn, 'the account of its role_arn') : undefined) ??
        clusterOwn;
      const account = foreign(target, targetOwn);
      if (account !== undefined && targetOwn) {
        out.push(
          finding(
            context,
            'IRSA031',
            'low',
            association.address,
            `${where} now chains to target role ${target} of account ${account}, not ${targetOwn.text}: its pods get that account's permissions, which this plan cannot show; that role's trust must admit only the association's role ${after.roleArn ?? (after.roles.map((r) => r.address).join(', ') || '(role_arn)')}`,
          ),
        );
      }
    }
  }
  return out;
};
