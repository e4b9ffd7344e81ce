/**
 * Hand-built resource changes for Kubernetes resources: there is no kubernetes provider on this machine,
 * so these are the only plan parts not produced by terraform. They follow the shape terraform writes
 * for kubernetes_service_account(_v1) and kubernetes_annotations.
 */
import type { RawPlan, RawResourceChange } from '../../../src/review/plan/types';

export function serviceAccountChange(opts: {
  name: string;
  namespace: string;
  roleArn?: string;
  /** The annotation is an expression on a role's ARN that is unknown until apply. */
  roleRef?: string;
  type?: 'kubernetes_service_account' | 'kubernetes_service_account_v1';
  address?: string;
  actions?: string[];
  /** The annotation before the change (an update of an existing ServiceAccount). */
  roleArnBefore?: string;
}): RawResourceChange {
  const type = opts.type ?? 'kubernetes_service_account_v1';
  const resourceName = opts.address ?? opts.name.replace(/[^a-z0-9_]/g, '_');
  const annotations = opts.roleArn !== undefined ? { 'eks.amazonaws.com/role-arn': opts.roleArn } : undefined;
  const metadata = {
    name: opts.name,
    namespace: opts.namespace,
    annotations: annotations ?? null,
    labels: null,
  };
  const before =
    opts.roleArnBefore === undefined
      ? null
      : {
          metadata: [{ ...metadata, annotations: { 'eks.amazonaws.com/role-arn': opts.roleArnBefore } }],
          automount_service_account_token: true,
        };
  return {
    address: `${type}.${resourceName}`,
    mode: 'managed',
    type,
    name: resourceName,
    change: {
      actions: opts.actions ?? (before ? ['update'] : ['create']),
      before,
      after: { metadata: [metadata], automount_service_account_token: true },
      after_unknown: {
        metadata: [opts.roleRef ? { annotations: true, uid: true } : before ? {} : { uid: true }],
        ...(before ? {} : { id: true }),
      },
      before_sensitive: false,
      after_sensitive: { metadata: [{}] },
    },
  };
}

export function annotationsChange(opts: {
  name: string;
  namespace: string;
  roleArn: string;
  resourceName: string;
}): RawResourceChange {
  return {
    address: `kubernetes_annotations.${opts.resourceName}`,
    mode: 'managed',
    type: 'kubernetes_annotations',
    name: opts.resourceName,
    change: {
      actions: ['create'],
      before: null,
      after: {
        api_version: 'v1',
        kind: 'ServiceAccount',
        metadata: [{ name: opts.name, namespace: opts.namespace }],
        annotations: { 'eks.amazonaws.com/role-arn': opts.roleArn },
        force: true,
      },
      after_unknown: { id: true },
      before_sensitive: false,
      after_sensitive: {},
    },
  };
}

/** A copy of `plan` with extra resource changes (and their configuration expressions for references). */
export function withChanges(
  plan: RawPlan,
  extra: RawResourceChange[],
  refs: Record<string, string> = {},
): RawPlan {
  const rootModule = plan.configuration?.root_module ?? {};
  const configResources = [...(rootModule.resources ?? [])];
  for (const [address, roleRef] of Object.entries(refs)) {
    const [type, name] = address.split('.');
    configResources.push({
      address,
      mode: 'managed',
      type,
      name,
      expressions: {
        metadata: [{ annotations: { references: [`${roleRef}.arn`, roleRef] } }],
      },
    });
  }
  return {
    ...plan,
    resource_changes: [...(plan.resource_changes ?? []), ...extra],
    configuration: { ...plan.configuration, root_module: { ...rootModule, resources: configResources } },
  };
}
