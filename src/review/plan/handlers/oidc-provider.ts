/** aws_iam_openid_connect_provider: the cluster's OIDC provider, as it was before the change. */
import { text, type Change } from '../change';
import type { OidcProviderModel } from '../model';
import type { BuildContext, ResourceHandler } from './context';

export const oidcProviderHandler: ResourceHandler = {
  types: ['aws_iam_openid_connect_provider'],
  stage: 'consumers',
  handle(c: Change, context: BuildContext): void {
    const p: OidcProviderModel = { address: c.address, change: c };
    const arn = text(c, 'before', ['arn']);
    const url = text(c, 'before', ['url']);
    if (arn) p.arnBefore = arn;
    if (url) p.issuerBefore = url.replace(/^https:\/\//, '');
    context.model.oidcProviders.push(p);
  },
};
