/** Every rule, in catalogue order. Each is a pure function of the rule context. */
import { accessWidened } from './access';
import type { Rule } from './context';
import { podsGainBroadRole } from './gains';
import { foreignOidcProvider, foreignRole } from './reach';
import { nobodyCanAssume } from './unusable';
import { annotationTrustMismatch, roleInUseRemoved } from './linking';
import { providerRemovedWhileTrusted } from './oidc';
import { partialTrustWildcard } from './partial';
import {
  anyAssociationTrust,
  associationOutsideScope,
  associationRoleNotTrusting,
  podIdentityAgentMissing,
} from './pod-identity';
import {
  adminAccess,
  notActionAllow,
  passRoleEverywhere,
  privilegeEscalation,
  sensitiveEverywhere,
  unknownAction,
} from './permissions';
import {
  everyonePrincipal,
  missingAudCondition,
  missingSubCondition,
  sizeAndBoundary,
  wildcardInStringEquals,
  wildcardSubject,
  crossAccountPrincipal,
} from './trust';

export type { Rule, RuleContext, ServiceAccountLink } from './context';
export { actionsToCheck } from './permissions';
export { wildcardSubjectSeverity } from './trust';

export const ALL_RULES: readonly Rule[] = [
  missingSubCondition,
  missingAudCondition,
  wildcardSubject,
  wildcardInStringEquals,
  everyonePrincipal,
  accessWidened,
  annotationTrustMismatch,
  roleInUseRemoved,
  adminAccess,
  passRoleEverywhere,
  notActionAllow,
  sizeAndBoundary,
  providerRemovedWhileTrusted,
  unknownAction,
  crossAccountPrincipal,
  privilegeEscalation,
  associationRoleNotTrusting,
  anyAssociationTrust,
  associationOutsideScope,
  foreignOidcProvider,
  foreignRole,
  podsGainBroadRole,
  nobodyCanAssume,
  sensitiveEverywhere,
  partialTrustWildcard,
  podIdentityAgentMissing,
];
