/**
 * IAM Roles for Service Accounts (IRSA) and EKS Pod Identity on Amazon EKS as CDK for Terraform constructs:
 * `IamServiceAccount`, `IrsaRole`, `OidcProvider`, `EksOidcProvider`, the trust-policy model and the add-on
 * catalog. The same API is exported for CDK Terrain from `cdktf-irsa/cdktn`.
 * @packageDocumentation
 * @module cdktf-irsa
 */
export * from './policy';
export * from './props';
export { IrsaValidationError } from './validation/error';
export { RULES, NUMBER_RULES, QUOTAS, PARTITIONS, matchesRule } from './validation/rules';
export type { StringRule, NumberRule } from './validation/rules';
export { OidcProvider } from './constructs/oidc-provider';
export type {
  OidcProviderFromIssuerOptions,
  OidcProviderFromClusterOptions,
} from './constructs/oidc-provider';
export { EksOidcProvider } from './constructs/eks-oidc-provider';
export type { EksOidcProviderProps } from './constructs/eks-oidc-provider';
export { IrsaRole } from './constructs/irsa-role';
export { IamServiceAccount } from './constructs/iam-service-account';
export type { IIrsaGrantable } from './constructs/role-resources';
