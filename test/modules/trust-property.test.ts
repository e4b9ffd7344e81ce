/**
 * Property check of the module's trust policy against buildTrustPolicy: many random (seeded, so
 * reproducible) input sets (several clusters, exact and wildcard subjects mixed on one provider, unsorted,
 * custom audiences), all planned in one `terraform plan` of module calls (each creating its role), whose
 * `trust_policy_json` outputs must equal buildTrustPolicy's documents exactly, and must admit exactly the
 * requests the independent oracle (test/support/trust-oracle.ts) and a reference written here admit:
 * requests are built from literal facts ("system:serviceaccount:<ns>:<name>"), not with src helpers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { buildTrustPolicy } from '../../src';
import { ROLE_MODULE } from '../../src/modules';
import { render } from '../../src/modules/hcl';
import { OFFLINE_AWS_PROVIDER_HCL, planJson, terraformOk, terraformUnavailableReason } from '../../tools/terraform';
import { sampleSeeded } from '../support/property';
import { describeUnless } from '../support/skip';
import { allows, globMatch } from '../support/trust-oracle';
import { MODULES_DIR } from './support';

const PROVIDER_ARNS = [
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/AAAA1111000000000000000000000000',
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/BBBB2222000000000000000000000000',
  'arn:aws-cn:iam::444455556666:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/CCCC3333000000000000000000000000',
  'arn:aws-us-gov:iam::777788889999:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/DDDD4444000000000000000000000000',
];

const namespace = fc.constantFrom('default', 'apps', 'kube-system', 'team-a', 'x1', 'team-*', 'preview-?', '*');
const name = fc.constantFrom('api', 'web', 'worker.v2', 'external-dns', 'app-*', 'job-?', '*');

interface RandomSet {
  providers: { key: string; arn: string; subjects: string[] }[];
  audience?: string;
  allowWildcardSubjects: boolean;
}

const randomSet: fc.Arbitrary<RandomSet> = fc
  .record({
    providers: fc.uniqueArray(
      fc.record({
        key: fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/),
        arnIndex: fc.nat(PROVIDER_ARNS.length - 1),
        subjects: fc.uniqueArray(
          fc.tuple(namespace, name).map(([ns, n]) => `${ns}:${n}`),
          { minLength: 1, maxLength: 6 },
        ),
      }),
      { minLength: 1, maxLength: 3, selector: (p) => p.arnIndex },
    ),
    audience: fc.option(fc.constantFrom('sts.amazonaws.com', 'sts.amazonaws.com.cn', 'vault'), { nil: undefined }),
    allowWildcardSubjects: fc.boolean(),
  })
  .filter((s) => new Set(s.providers.map((p) => p.key)).size === s.providers.length)
  .map((s) => {
    const providers = s.providers.map((p) => ({ key: p.key, arn: PROVIDER_ARNS[p.arnIndex], subjects: p.subjects }));
    // Wildcard subjects need allow_wildcard_subjects; exact-only sets keep the random flag.
    const anyWildcard = providers.some((p) => p.subjects.some((sa) => /[*?]/.test(sa)));
    return { providers, audience: s.audience, allowWildcardSubjects: anyWildcard || s.allowWildcardSubjects };
  });

const SETS = sampleSeeded(randomSet, 40);

function expected(set: RandomSet) {
  return buildTrustPolicy({
    trust: [...set.providers]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((p) => ({
        providerArn: p.arn,
        issuer: p.arn.slice(p.arn.indexOf('oidc-provider/') + 'oidc-provider/'.length),
        serviceAccounts: p.subjects,
      })),
    audience: set.audience,
    allowWildcardSubjects: set.allowWildcardSubjects,
  });
}

const STS_AUDIENCE = 'sts.amazonaws.com';
const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';
const issuerOf = (arn: string) => arn.slice(arn.indexOf('oidc-provider/') + 'oidc-provider/'.length);

interface Request {
  providerArn: string;
  namespace: string;
  name: string;
  audience: string;
  action: string;
}

/** A concrete value a pattern matches ("*" -> "x", "?" -> "y"). */
const instance = (pattern: string) => pattern.replace(/\*/g, 'x').replace(/\?/g, 'y');

/**
 * Requests for one set: every listed subject (wildcards instantiated) on its own provider with the right
 * audience, each also on the other providers, with the wrong audience, with sts:AssumeRole, and in another
 * namespace.
 */
function requests(set: RandomSet): Request[] {
  const audience = set.audience ?? STS_AUDIENCE;
  const out: Request[] = [];
  for (const p of set.providers) {
    for (const subject of p.subjects) {
      const [ns, n] = subject.split(':').map(instance);
      const base = { providerArn: p.arn, namespace: ns, name: n, audience, action: WEB_IDENTITY };
      // Admitted: the subject as listed ("*" -> "x", "?" -> "y"), and again with "*" -> "" and "?" -> "z".
      const [ns2, n2] = subject.split(':').map((part) => part.replace(/\*/g, '').replace(/\?/g, 'z'));
      out.push(base, { ...base, namespace: ns2 || ns, name: n2 || n }, { ...base, namespace: ns2 || ns, name: n2 || n });
      for (const arn of PROVIDER_ARNS) if (arn !== p.arn) out.push({ ...base, providerArn: arn });
      out.push({ ...base, audience: audience === STS_AUDIENCE ? 'vault' : STS_AUDIENCE });
      out.push({ ...base, action: 'sts:AssumeRole' });
      out.push({ ...base, namespace: `${ns}-other` });
    }
  }
  return out;
}

function mustAdmit(set: RandomSet, r: Request): boolean {
  const provider = set.providers.find((p) => p.arn === r.providerArn);
  return (
    provider !== undefined &&
    provider.subjects.some((s) => globMatch(s, `${r.namespace}:${r.name}`)) &&
    r.audience === (set.audience ?? STS_AUDIENCE) &&
    r.action === WEB_IDENTITY
  );
}

const asOracleRequest = (r: Request) => ({
  federatedPrincipal: r.providerArn,
  action: r.action,
  context: {
    [`${issuerOf(r.providerArn)}:sub`]: `system:serviceaccount:${r.namespace}:${r.name}`,
    [`${issuerOf(r.providerArn)}:aud`]: r.audience,
  },
});

describeUnless(
  terraformUnavailableReason(['hashicorp/aws']),
  `trust policy property: ${ROLE_MODULE} equals buildTrustPolicy on random inputs`,
  () => {
    let dir: string;
    let outputs: Record<string, { after: string }>;

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-trust-property-'));
      const source = path.relative(dir, path.join(MODULES_DIR, ROLE_MODULE));
      const calls = SETS.map((set, i) => {
        const providers = Object.fromEntries(
          set.providers.map((p) => [p.key, { provider_arn: p.arn, namespace_service_accounts: p.subjects }]),
        );
        const audience = set.audience === undefined ? '' : `  audience = ${render(set.audience)}\n`;
        return `module "set_${i}" {
  source                  = ${JSON.stringify(source)}
  allow_wildcard_subjects = ${set.allowWildcardSubjects}
  trust_policy_max_length = 8192
${audience}  oidc_providers = ${render(providers)}
}

output "set_${i}" {
  value = module.set_${i}.trust_policy_json
}
`;
      });
      fs.writeFileSync(path.join(dir, 'main.tf'), [OFFLINE_AWS_PROVIDER_HCL, ...calls].join('\n'));
      terraformOk(dir, ['init', '-input=false', '-no-color']);
      outputs = planJson(dir).output_changes as Record<string, { after: string }>;
    });

    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('the sample covers several clusters, and exact plus wildcard subjects of one provider', () => {
      expect(SETS.some((s) => s.providers.length === 3)).toBe(true);
      const mixed = (s: RandomSet) =>
        s.providers.some((p) => p.subjects.some((sa) => /[*?]/.test(sa)) && p.subjects.some((sa) => !/[*?]/.test(sa)));
      expect(SETS.filter(mixed).length).toBeGreaterThan(5);
    });

    test.each(SETS.map((set, i) => [i, set] as const))('set %i', (i, set) => {
      expect(JSON.parse(outputs[`set_${i}`].after)).toEqual(expected(set));
    });

    test('every module policy admits exactly what the oracle and the reference admit', () => {
      let checked = 0;
      let admitted = 0;
      const wrong: string[] = [];
      SETS.forEach((set, i) => {
        const policy = JSON.parse(outputs[`set_${i}`].after);
        for (const r of requests(set)) {
          const expected = mustAdmit(set, r);
          if (allows(policy, asOracleRequest(r)) !== expected) wrong.push(`set ${i}: ${JSON.stringify(r)}`);
          checked++;
          if (expected) admitted++;
        }
      });
      expect(wrong).toEqual([]);
      expect(checked).toBeGreaterThan(1000);
      expect(admitted / checked).toBeGreaterThan(1 / 3);
    });
  },
);
