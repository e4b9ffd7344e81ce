/**
 * Every resource handler of the change model. A new resource type is a new handler file listed here;
 * within a stage, handlers run in this order.
 */
import { annotationsHandler } from './annotations';
import { attachmentHandler } from './attachment';
import type { ResourceHandler } from './context';
import { exclusiveAttachmentsHandler } from './exclusive-attachments';
import { managedPolicyHandler } from './managed-policy';
import { oidcProviderHandler } from './oidc-provider';
import { podIdentityAssociationHandler } from './pod-identity-association';
import { roleHandler } from './role';
import { rolePolicyHandler } from './role-policy';
import { serviceAccountHandler } from './service-account';

export { BuildContext, type ResourceHandler } from './context';

export const HANDLERS: readonly ResourceHandler[] = [
  roleHandler,
  managedPolicyHandler,
  rolePolicyHandler,
  attachmentHandler,
  exclusiveAttachmentsHandler,
  serviceAccountHandler,
  annotationsHandler,
  oidcProviderHandler,
  podIdentityAssociationHandler,
];
