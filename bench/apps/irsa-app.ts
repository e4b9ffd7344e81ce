/** Benchmark app: N `IamServiceAccount`s (role, one attachment, inline policy, ServiceAccount). */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { IamServiceAccount, OidcProvider } from '../../src';
import {
  BENCH_POLICY_ARN,
  BENCH_PROVIDER_ARN,
  benchCount,
  benchOutdir,
  inlinePolicy,
  namespaceName,
  serviceAccountName,
} from './shared';

const app = new App({ outdir: benchOutdir() });
const stack = new TerraformStack(app, 'bench');
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
new KubernetesProvider(stack, 'kubernetes', {});
const oidcProvider = OidcProvider.fromArn(BENCH_PROVIDER_ARN);
for (let i = 0; i < benchCount(); i++) {
  new IamServiceAccount(stack, `sa-${i}`, {
    oidcProvider,
    namespace: namespaceName(i),
    name: serviceAccountName(i),
    attachPolicyArns: [BENCH_POLICY_ARN],
    inlinePolicy: inlinePolicy(i),
  });
}
app.synth();
