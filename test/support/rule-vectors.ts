/**
 * Accepted and refused values for every rule in src/validation/rules.ts, taken from the source that
 * defines the rule, never from the rule itself:
 * - Kubernetes: the test tables of k8s.io/apimachinery/pkg/util/validation (TestIsDNS1123Label,
 *   TestIsDNS1123Subdomain, TestIsQualifiedName, TestIsValidLabelValue), copied value for value.
 * - IAM: the Length Constraints and Pattern of each parameter in the IAM API reference (CreateRole:
 *   RoleName, Path, Description, MaxSessionDuration, PermissionsBoundary; PutRolePolicy: PolicyName; Tag:
 *   Key, Value; CreateOpenIDConnectProvider: ClientIDList), the ARN format of the IAM user guide, and the
 *   IAM quotas page (role trust policy length 2,048 by default, 8,192 at most).
 * - Route 53 HostedZone.Id (at most 32 characters), EKS CreateCluster name (1-100, `[0-9A-Za-z][A-Za-z0-9\-_]*`),
 *   and the Terraform AWS provider's role `name_prefix` (at most 64 - 26 = 38 characters).
 * Every table has the boundaries: the longest valid value, one past it, one character, leading and
 * trailing "-" and ".", uppercase, and non-ASCII.
 */

export interface StringVectors {
  readonly source: string;
  readonly accept: readonly string[];
  readonly refuse: readonly string[];
}

export interface NumberVectors {
  readonly source: string;
  readonly accept: readonly number[];
  readonly refuse: readonly number[];
}

const r = (s: string, n: number): string => s.repeat(n);

const APIMACHINERY = 'k8s.io/apimachinery/pkg/util/validation/validation_test.go';

/** TestIsDNS1123Label, plus non-ASCII. */
export const DNS_LABEL: StringVectors = {
  source: `${APIMACHINERY} TestIsDNS1123Label`,
  accept: [
    'a',
    'ab',
    'abc',
    'a1',
    'a-1',
    'a--1--2--b',
    '0',
    '01',
    '012',
    '1a',
    '1-a',
    '1--a--b--2',
    r('a', 63),
  ],
  refuse: [
    '',
    'A',
    'ABC',
    'aBc',
    'A1',
    'A-1',
    '1-A',
    '-',
    'a-',
    '-a',
    '1-',
    '-1',
    '_',
    'a_',
    '_a',
    'a_b',
    '1_',
    '_1',
    '1_2',
    '.',
    'a.',
    '.a',
    'a.b',
    '1.',
    '.1',
    '1.2',
    ' ',
    'a ',
    ' a',
    'a b',
    '1 ',
    ' 1',
    '1 2',
    r('a', 64),
    // Non-ASCII (not in the Kubernetes table; RFC 1123 labels are ASCII).
    'café',
    'ñ',
    'аpp' /* Cyrillic а */,
    // The mutant that once survived: a label accepted with a trailing "-".
    'bad-',
  ],
};

/** TestIsDNS1123Subdomain, plus non-ASCII. */
export const DNS_SUBDOMAIN: StringVectors = {
  source: `${APIMACHINERY} TestIsDNS1123Subdomain`,
  accept: [
    'a',
    'ab',
    'abc',
    'a1',
    'a-1',
    'a--1--2--b',
    '0',
    '01',
    '012',
    '1a',
    '1-a',
    '1--a--b--2',
    'a.a',
    'ab.a',
    'abc.a',
    'a1.a',
    'a-1.a',
    'a--1--2--b.a',
    'a.1',
    'ab.1',
    'abc.1',
    'a1.1',
    'a-1.1',
    'a--1--2--b.1',
    '0.a',
    '01.a',
    '012.a',
    '1a.a',
    '1-a.a',
    '1--a--b--2',
    '0.1',
    '01.1',
    '012.1',
    '1a.1',
    '1-a.1',
    '1--a--b--2.1',
    'a.b.c.d.e',
    'aa.bb.cc.dd.ee',
    '1.2.3.4.5',
    '11.22.33.44.55',
    r('a', 253),
  ],
  refuse: [
    '',
    'A',
    'ABC',
    'aBc',
    'A1',
    'A-1',
    '1-A',
    '-',
    'a-',
    '-a',
    '1-',
    '-1',
    '_',
    'a_',
    '_a',
    'a_b',
    '1_',
    '_1',
    '1_2',
    '.',
    'a.',
    '.a',
    'a..b',
    '1.',
    '.1',
    '1..2',
    ' ',
    'a ',
    ' a',
    'a b',
    '1 ',
    ' 1',
    '1 2',
    'A.a',
    'aB.a',
    'ab.A',
    'A1.a',
    'a1.A',
    'A.1',
    'aB.1',
    'A1.1',
    '1A.1',
    '0.A',
    '01.A',
    '012.A',
    '1A.a',
    '1a.A',
    'A.B.C.D.E',
    'AA.BB.CC.DD.EE',
    'a.B.c.d.e',
    'aa.bB.cc.dd.ee',
    'a@b',
    'a,b',
    'a;b',
    'a:b',
    'a%b',
    'a?b',
    'a$b',
    r('a', 254),
    'café',
    'worker.ñ',
  ],
};

/** TestIsQualifiedName (label and annotation keys), plus non-ASCII. */
export const QUALIFIED_NAME: StringVectors = {
  source: `${APIMACHINERY} TestIsQualifiedName`,
  accept: [
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    '1234',
    'simple/simple',
    'now-with-dashes/simple',
    'now-with-dashes/now-with-dashes',
    'now.with.dots/simple',
    'now-with.dashes-and.dots/simple',
    '1-num.2-num/3-num',
    '1234/5678',
    '1.2.3.4/5678',
    'Uppercase_Is_OK_123',
    'example.com/Uppercase_Is_OK_123',
    'requests.storage-foo',
    r('a', 63),
    `${r('a', 253)}/${r('b', 63)}`,
    'a',
  ],
  refuse: [
    'nospecialchars%^=@',
    'cantendwithadash-',
    '-cantstartwithadash-',
    'only/one/slash',
    'Example.com/abc',
    'example_com/abc',
    'example.com/',
    '/simple',
    r('a', 64),
    `${r('a', 254)}/abc`,
    '',
    '.dot',
    'dot.',
    'example.com/-a',
    'example.com/a.',
    'clé',
    'example.com/clé',
  ],
};

/** TestIsValidLabelValue, plus the one-character and non-ASCII boundaries. */
export const LABEL_VALUE: StringVectors = {
  source: `${APIMACHINERY} TestIsValidLabelValue`,
  accept: [
    'simple',
    'now-with-dashes',
    '1-starts-with-num',
    'end-with-num-1',
    '1234',
    r('a', 63),
    '',
    'a',
    'A',
    'a_b.c',
  ],
  refuse: [
    'nospecialchars%^=@',
    'Tama-nui-te-rā.is.Māori.sun',
    '\\backslashes\\are\\bad',
    '-starts-with-dash',
    'ends-with-dash-',
    '.starts.with.dot',
    'ends.with.dot.',
    r('a', 64),
    '_',
    'a b',
    'a/b',
  ],
};

const IAM_NAME_ACCEPT = (max: number): string[] => [
  'a',
  'A',
  'Z9',
  r('a', max),
  'my-role',
  'My_Role',
  'a+b=c,d.e@f-g_h',
  '-leading',
  'trailing-',
  '.leading',
  'trailing.',
  '0123',
];
const IAM_NAME_REFUSE = (max: number): string[] => [
  '',
  r('a', max + 1),
  'has space',
  'rôle',
  'ロール',
  'a/b',
  'a:b',
  'a*b',
  'a!b',
  'a#b',
  'a\tb',
];

/** CreateRole RoleName: 1-64, `[\w+=,.@-]+` (ASCII letters and digits). */
export const ROLE_NAME: StringVectors = {
  source: 'IAM API CreateRole RoleName: Length 1-64, Pattern [\\w+=,.@-]+',
  accept: IAM_NAME_ACCEPT(64),
  refuse: IAM_NAME_REFUSE(64),
};

/** Terraform aws_iam_role name_prefix: at most 38 (64 minus the 26-character unique suffix). */
export const ROLE_NAME_PREFIX: StringVectors = {
  source: 'terraform-provider-aws aws_iam_role name_prefix: RoleName rules, at most 64 - 26 = 38 characters',
  accept: IAM_NAME_ACCEPT(38),
  refuse: IAM_NAME_REFUSE(38),
};

/** PutRolePolicy PolicyName: 1-128, `[\w+=,.@-]+`. */
export const POLICY_NAME: StringVectors = {
  source: 'IAM API PutRolePolicy PolicyName: Length 1-128, Pattern [\\w+=,.@-]+',
  accept: IAM_NAME_ACCEPT(128),
  refuse: IAM_NAME_REFUSE(128),
};

/** CreateRole Path: 1-512, `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`. */
export const ROLE_PATH: StringVectors = {
  source: 'IAM API CreateRole Path: Length 1-512, Pattern (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
  accept: ['/', '/a/', '/division_abc/subdivision_xyz/', '/A-Z.0~!/', '///', `/${r('a', 510)}/`],
  refuse: ['', '//', 'a', 'a/', '/a', '/a b/', '/é/', `/${r('a', 511)}/`, '-/', '/a/.', '.'],
};

/** CreateRole Description: 0-1000, `[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*`. */
export const DESCRIPTION: StringVectors = {
  source:
    'IAM API CreateRole Description: Length 0-1000, Pattern [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*',
  accept: [
    '',
    'a',
    'Role for shop/app',
    'Déjà vu ÿ',
    'tab\there',
    'line\nbreak\r\n',
    '-.',
    r('a', 1000),
    '¡¿',
  ],
  refuse: [r('a', 1001), 'euro €', 'nbsp\u00a0', 'emoji 😀', 'nul\u0000', 'del\u007f', 'ロール'],
};

const ACCOUNT = '111122223333';
/** ARN format: arn:partition:service:region:account-id:resource (region empty for IAM). */
const IAM_ARNS =
  'IAM user guide, IAM ARNs: arn:partition:iam::account-id:resource-type/path/name; ARN length 20-2048';

/** A managed policy ARN (CreateRole PermissionsBoundary, AttachRolePolicy PolicyArn). */
export const POLICY_ARN: StringVectors = {
  source: IAM_ARNS,
  accept: [
    'arn:aws:iam::aws:policy/AdministratorAccess',
    'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    `arn:aws:iam::${ACCOUNT}:policy/my-policy`,
    `arn:aws-cn:iam::${ACCOUNT}:policy/division/team/my.policy`,
    `arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess`,
    `arn:aws:iam::${ACCOUNT}:policy/${r('p', 2048 - `arn:aws:iam::${ACCOUNT}:policy/`.length)}`,
  ],
  refuse: [
    '',
    'AdministratorAccess',
    'arn:aws:iam::aws:policy/',
    `arn:aws:iam::${ACCOUNT}:policy/${r('p', 2049 - `arn:aws:iam::${ACCOUNT}:policy/`.length)}`,
    `arn:aws:iam::11112222333:policy/x`,
    `arn:aws:iam::1111222233334:policy/x`,
    `arn:aws:iam::${ACCOUNT}:role/x`,
    'arn:aws:s3:::bucket',
    `arn:aws:iam:us-east-1:${ACCOUNT}:policy/x`,
    'arn:AWS:iam::aws:policy/x',
    'arn:aws-mars:iam::aws:policy/x',
    'arn:aws:iam::aws:policy/has space',
    'arn:aws:iam::aws:policy/é',
    ' arn:aws:iam::aws:policy/x',
    'arn:aws:iam::aws:policy/x\n',
  ],
};

/** A role ARN (aws_iam_role arn, the eks.amazonaws.com/role-arn annotation). */
export const ROLE_ARN: StringVectors = {
  source: IAM_ARNS,
  accept: [
    `arn:aws:iam::${ACCOUNT}:role/app`,
    `arn:aws:iam::${ACCOUNT}:role/service-role/my.role-1`,
    `arn:aws-cn:iam::${ACCOUNT}:role/a`,
    `arn:aws-us-gov:iam::${ACCOUNT}:role/A_B`,
    `arn:aws:iam::${ACCOUNT}:role/${r('r', 2048 - `arn:aws:iam::${ACCOUNT}:role/`.length)}`,
  ],
  refuse: [
    '',
    'app',
    `arn:aws:iam::${ACCOUNT}:role/`,
    'arn:aws:iam::aws:role/x',
    `arn:aws:iam::${ACCOUNT}:role/${r('r', 2049 - `arn:aws:iam::${ACCOUNT}:role/`.length)}`,
    `arn:aws:iam::${ACCOUNT}:policy/x`,
    `arn:aws:sts::${ACCOUNT}:assumed-role/x/y`,
    `arn:aws:iam::1111:role/x`,
    `arn:AWS:iam::${ACCOUNT}:role/x`,
    `arn:aws:iam::${ACCOUNT}:role/a b`,
    `arn:aws:iam::${ACCOUNT}:role/rôle`,
  ],
};

const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
/** An IAM OIDC provider ARN: arn:partition:iam::account:oidc-provider/<issuer host and path>. */
export const OIDC_PROVIDER_ARN: StringVectors = {
  source: `${IAM_ARNS}; EKS user guide, IRSA: arn:aws:iam::account:oidc-provider/oidc.eks.region.amazonaws.com/id/ID`,
  accept: [
    `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`,
    `arn:aws-cn:iam::${ACCOUNT}:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABCDEF0123456789ABCDEF0123456789`,
    `arn:aws-us-gov:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-gov-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789`,
  ],
  refuse: [
    '',
    ISSUER,
    `https://${ISSUER}`,
    `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/demo`,
    `arn:aws:iam::${ACCOUNT}:role/x`,
    `arn:aws:iam::aws:oidc-provider/${ISSUER}`,
    `arn:aws:iam::11112222333:oidc-provider/${ISSUER}`,
    `arn:aws:iam::${ACCOUNT}:oidc-provider/`,
    `arn:AWS:iam::${ACCOUNT}:oidc-provider/${ISSUER}`,
    `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/É`,
    `arn:aws:iam::${ACCOUNT}:oidc-provider/${r('o', 2049 - `arn:aws:iam::${ACCOUNT}:oidc-provider/`.length)}`,
  ],
};

/** Route 53 HostedZone Id: at most 32 characters, uppercase letters and digits, no /hostedzone/ prefix. */
export const HOSTED_ZONE_ID: StringVectors = {
  source:
    'Route 53 API HostedZone.Id: Length 0-32; IDs are uppercase letters and digits (e.g. Z1D633PJN98FT9)',
  accept: ['Z1D633PJN98FT9', 'Z', '7', r('Z', 32), 'Z0123456789ABCDEFGHIJ'],
  refuse: [
    '',
    r('Z', 33),
    '/hostedzone/Z1D633PJN98FT9',
    'z1d633pjn98ft9',
    'Z1D6-33',
    'Z1D6.33',
    '-Z',
    'Z-',
    'ZÉ',
    'Z 1',
  ],
};

/** EKS CreateCluster name: 1-100, `^[0-9A-Za-z][A-Za-z0-9\-_]*`. */
export const EKS_CLUSTER_NAME: StringVectors = {
  source: 'EKS API CreateCluster name: Length 1-100, Pattern ^[0-9A-Za-z][A-Za-z0-9\\-_]*',
  accept: ['a', 'A', '1', 'my-cluster', 'My_Cluster-2', 'trailing-', 'trailing_', r('c', 100)],
  refuse: ['', r('c', 101), '-leading', '_leading', 'a.b', '.a', 'a.', 'clüster', 'a b', 'a/b'],
};

/** CreateOpenIDConnectProvider ClientIDList member (the token audience): 1-255. */
export const AUDIENCE: StringVectors = {
  source:
    'IAM API CreateOpenIDConnectProvider ClientIDList: each 1-255 characters; a JWT aud has no white space',
  accept: [
    'sts.amazonaws.com',
    'sts.amazonaws.com.cn',
    'a',
    'vault',
    '-',
    '.',
    'https://example.com/aud',
    r('a', 255),
  ],
  refuse: [
    '',
    r('a', 256),
    'sts amazonaws.com',
    ' sts.amazonaws.com',
    'sts.amazonaws.com\n',
    'stš.amazonaws.com',
  ],
};

const TAG_CHARS = 'IAM API Tag: Pattern [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]';
/** IAM Tag Key: 1-128, `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`, and the aws: prefix is reserved. */
export const TAG_KEY: StringVectors = {
  source: `${TAG_CHARS}+, Length 1-128; keys starting with aws: are reserved (IAM user guide, tagging rules)`,
  accept: [
    'Team',
    'a',
    'cost-center',
    'kubernetes.io/cluster/demo',
    'Name',
    'Équipe',
    '日本語',
    'a b',
    '_.:/=+-@',
    '-',
    '.',
    r('k', 128),
    'x:aws:',
  ],
  refuse: ['', r('k', 129), 'aws:team', 'AWS:team', 'Aws:x', 'a*b', 'a,b', 'a#b', 'emoji😀', 'tab\tkey'],
};

/** IAM Tag Value: 0-256, the same characters. */
export const TAG_VALUE: StringVectors = {
  source: `${TAG_CHARS}*, Length 0-256`,
  accept: [
    '',
    'v',
    'prod',
    'Équipe A',
    'team@example.com',
    'a/b:c=d+e-f_g.h',
    '-',
    '.',
    r('v', 256),
    'aws:ok-in-values',
  ],
  refuse: [r('v', 257), 'a*b', 'a,b', 'a;b', 'emoji😀', 'line\nbreak', 'a"b'],
};

/** Kubernetes wildcard subjects: IAM StringLike ("*" any run, "?" one character) over label/subdomain characters. */
export const WILDCARD_NAMESPACE: StringVectors = {
  source: 'IAM condition operators, StringLike wildcards * and ?; DNS-1123 label characters, at most 63',
  accept: ['*', '?', 'team-*', 'team-?', 'a*b', `${r('a', 62)}*`],
  refuse: ['Team-*', 'team_*', 'team.*', 'tëam-*', 'team *', `${r('a', 63)}*`],
};

export const WILDCARD_SERVICE_ACCOUNT_NAME: StringVectors = {
  source: 'IAM condition operators, StringLike wildcards * and ?; DNS-1123 subdomain characters, at most 253',
  accept: ['*', '?', 'app-*', '*.v2', 'worker.?', `${r('a', 252)}*`],
  refuse: ['App-*', 'app_*', 'app/*', 'äpp-*', 'app *', `${r('a', 253)}*`],
};

/** CreateRole MaxSessionDuration: 3600-43200 seconds. */
export const MAX_SESSION_DURATION: NumberVectors = {
  source: 'IAM API CreateRole MaxSessionDuration: Valid Range 3600-43200',
  accept: [3600, 3601, 7200, 43199, 43200],
  refuse: [0, -3600, 3599, 43201, 86400, 3600.5],
};

/** IAM quotas: role trust policy length 2,048 characters by default, raisable to 8,192. */
export const TRUST_POLICY_MAX_LENGTH: NumberVectors = {
  source: 'IAM quotas: role trust policy length, 2,048 default, 8,192 maximum',
  accept: [2048, 4096, 8191, 8192],
  refuse: [0, -1, 8193, 10240, 2048.5],
};
