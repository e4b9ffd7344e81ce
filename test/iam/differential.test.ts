/**
 * Differential fuzzing: random trust and permission documents (Deny, NotPrincipal, NotAction,
 * NotResource, IfExists, ForAnyValue/ForAllValues, case variants of element names and condition keys).
 * The access model (and the rule verdicts derived from it) must agree with brute-force evaluation by the
 * IAM evaluator over a sampled universe of requests. Where the model says it approximated (notes), it
 * may only err towards more access.
 */
import fc from 'fast-check';
import {
  accessAdmits,
  ANY_SUBJECT_PROBE,
  deriveTrustAccess,
  FRESH_SUBJECT,
  grantAdmits,
  WEB_IDENTITY_ACTION,
} from '../../src/iam/access';
import { parsePolicyDocument, type PolicyDocument } from '../../src/iam/document';
import { evaluatePolicy } from '../../src/iam/evaluate';
import { wildcardMatch } from '../../src/iam/patterns';
import { scaled } from '../support/property';
import { broadAllows, everyActionTogether, EVERY_RESOURCE, EVERY_ROLE } from '../../src/iam/permissions';

const ISSUERS = ['oidc.eks.us-east-1.amazonaws.com/id/AAAA', 'oidc.eks.eu-west-1.amazonaws.com/id/BBBB'];
/** An issuer no generated document names. */
const UNNAMED = 'oidc.eks.ap-south-1.amazonaws.com/id/CCCC';
const providerArn = (issuer: string) => `arn:aws:iam::111122223333:oidc-provider/${issuer}`;

const SUBJECTS = [
  'system:serviceaccount:a:x',
  'system:serviceaccount:a:y',
  'system:serviceaccount:b:x',
  'system:serviceaccount:bb:xy',
  'other',
];
const SUB_VALUES = [
  ...SUBJECTS,
  'system:serviceaccount:a:*',
  'system:serviceaccount:*',
  'system:serviceaccount:*:x',
  'system:serviceaccount:?:x',
  'system:serviceaccount:b*',
  '*',
];
const AUDIENCES = ['sts.amazonaws.com', 'other-aud'];
const AUD_VALUES = [...AUDIENCES, '*', 'sts.*'];

const caseVariant = (text: string) =>
  fc.constantFrom(text, text.toUpperCase(), text.toLowerCase(), text[0].toUpperCase() + text.slice(1));

const operator = fc
  .tuple(
    fc.constantFrom('', 'ForAnyValue:', 'ForAllValues:'),
    fc.constantFrom('StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike'),
    fc.constantFrom('', 'IfExists'),
  )
  .map(([q, base, ifExists]) => `${q}${base}${ifExists}`);

const claimKey = fc
  .tuple(fc.constantFrom(...ISSUERS), fc.constantFrom('sub', 'aud'), fc.boolean())
  .chain(([issuer, claim, upper]) =>
    caseVariant(claim).map((c) => `${upper ? issuer.toUpperCase() : issuer}:${c}`),
  );

const condition = fc
  .array(
    fc.tuple(
      operator,
      claimKey,
      fc.oneof(
        fc.constantFrom(...SUB_VALUES, ...AUD_VALUES),
        fc.subarray([...SUB_VALUES, ...AUD_VALUES], { minLength: 1, maxLength: 3 }),
      ),
    ),
    { maxLength: 3 },
  )
  .map((clauses) => {
    const out: Record<string, Record<string, unknown>> = {};
    for (const [op, key, values] of clauses) (out[op] ??= {})[key] = values;
    return out;
  });

const principal = fc.oneof(
  fc.constant('*'),
  fc.constant({ AWS: '*' }),
  fc.constantFrom(...ISSUERS).map((i) => ({ Federated: providerArn(i) })),
  fc.constant({ Federated: ISSUERS.map(providerArn) }),
  fc.constant({ AWS: 'arn:aws:iam::999988887777:root' }),
);

const trustStatement = fc
  .record({
    effect: fc.constantFrom('Allow', 'Deny'),
    effectKey: caseVariant('effect'),
    notPrincipal: fc.boolean(),
    principal,
    notAction: fc.boolean(),
    action: fc.constantFrom(
      WEB_IDENTITY_ACTION,
      'sts:*',
      '*',
      'sts:AssumeRole',
      'STS:assumerolewithwebidentity',
    ),
    condition,
    conditionKey: caseVariant('condition'),
  })
  .map((s) => ({
    [s.effectKey]: s.effect,
    [s.notPrincipal ? 'NotPrincipal' : 'Principal']: s.principal,
    [s.notAction ? 'NotAction' : 'Action']: s.action,
    ...(Object.keys(s.condition).length > 0 ? { [s.conditionKey]: s.condition } : {}),
  }));

const parse = (statements: unknown[]): PolicyDocument => {
  const parsed = parsePolicyDocument({ Version: '2012-10-17', Statement: statements });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.document;
};

const evaluatorAdmits = (doc: PolicyDocument, issuer: string, subject: string, audience: string): boolean =>
  evaluatePolicy(doc, {
    action: WEB_IDENTITY_ACTION,
    principal: { type: 'Federated', id: providerArn(issuer) },
    context: { [`${issuer}:sub`]: [subject], [`${issuer}:aud`]: [audience] },
  }) === 'allow';

/** Random subjects beyond the named ones: the universe is sampled, not only the policy's own values. */
const extraSubjects = fc.array(
  fc
    .tuple(fc.constantFrom('system:serviceaccount:', 'system:', ''), fc.stringMatching(/^[abxy:]{0,6}$/))
    .map(([p, rest]) => p + rest),
  { maxLength: 6 },
);

describe('trust: the access model agrees with the evaluator', () => {
  test('on every sampled request (exactly, or towards more access where it notes an approximation)', () => {
    fc.assert(
      fc.property(
        fc.array(trustStatement, { minLength: 1, maxLength: 4 }),
        extraSubjects,
        (statements, extra) => {
          const doc = parse(statements);
          const access = deriveTrustAccess(doc);
          const exact = access.notes.length === 0;
          for (const issuer of [...ISSUERS, UNNAMED]) {
            for (const subject of [...SUBJECTS, ...extra, ANY_SUBJECT_PROBE]) {
              for (const audience of [...AUDIENCES, 'zz-fresh-aud']) {
                const model = accessAdmits(access, issuer, subject, audience);
                const truth = evaluatorAdmits(doc, issuer, subject, audience);
                if (exact) {
                  if (model !== truth)
                    throw new Error(
                      `model ${model} vs evaluator ${truth} for ${issuer} ${subject} ${audience}\n${JSON.stringify(statements)}\n${JSON.stringify(access)}`,
                    );
                } else if (truth && !model) {
                  throw new Error(`model misses access it noted as approximated: ${subject}`);
                }
              }
            }
          }
        },
      ),
      { numRuns: scaled(3000), seed: 20261128 },
    );
  });

  test('the IRSA001 verdict (any service account admitted) agrees with brute force', () => {
    fc.assert(
      fc.property(fc.array(trustStatement, { minLength: 1, maxLength: 4 }), (statements) => {
        const doc = parse(statements);
        const access = deriveTrustAccess(doc);
        if (access.notes.length > 0) return;
        for (const issuer of ISSUERS) {
          const entry = access.issuers.find((i) => i.issuer === issuer);
          // The access-model side of IRSA001's verdict: a service account nobody names gets in.
          const verdict =
            entry !== undefined &&
            accessAdmits(access, issuer, FRESH_SUBJECT) &&
            entry.grants.some((g) => grantAdmits(g, FRESH_SUBJECT, 'sts.amazonaws.com'));
          // Brute force: fresh service accounts, in a fresh and in a named namespace, get in with the EKS audience.
          const fresh = ['system:serviceaccount:zz-q:zz-q', 'system:serviceaccount:kube-system:zz-q'];
          const brute = fresh.every((s) => evaluatorAdmits(doc, issuer, s, 'sts.amazonaws.com'));
          if (verdict && !brute)
            throw new Error(
              `IRSA001 fires but a fresh service account is refused: ${JSON.stringify(statements)}`,
            );
          // Without IRSA001, an open door is a :sub pattern (IRSA003's) or not there at all.
          if (!entry) {
            // An issuer no statement names is open only through "*" or NotPrincipal: IRSA005's.
            const everyone = doc.statements.some(
              (st) =>
                st.effect === 'Allow' &&
                (st.notPrincipal !== undefined ||
                  (st.principal?.['*'] ?? st.principal?.['AWS'] ?? []).includes('*')),
            );
            if (brute && !everyone)
              throw new Error(`open to an unnamed issuer without IRSA005: ${JSON.stringify(statements)}`);
            continue;
          }
          if (!verdict && brute)
            throw new Error(`IRSA001 silent on an open trust: ${JSON.stringify(statements)}`);
        }
      }),
      { numRuns: scaled(2000), seed: 7 },
    );
  });
});

const ACTIONS = ['iam:PassRole', 'iam:GetRole', 's3:GetObject', 'ec2:RunInstances', 'sts:AssumeRole'];
const RESOURCES = [
  '*',
  'arn:*',
  'arn:aws:iam::111122223333:role/*',
  'arn:aws:iam::111122223333:role/admin',
  'arn:aws:iam::*:role/*',
  'arn:aws:s3:::*',
  'arn:aws:s3:::bucket',
  'arn:aws:iam::111122223333:*',
];
const permissionStatement = fc
  .record({
    effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    notAction: fc.boolean(),
    actions: fc.subarray(['*', 'iam:*', 'iam:PassRole', 'iam:Pass*', 's3:*', 'IAM:passrole', 'ec2:*'], {
      minLength: 1,
      maxLength: 2,
    }),
    notResource: fc.boolean(),
    resources: fc.subarray(RESOURCES, { minLength: 1, maxLength: 2 }),
    keys: fc.tuple(caseVariant('action'), caseVariant('resource')),
  })
  .map((s) => ({
    Effect: s.effect,
    [s.notAction ? `Not${s.keys[0]}` : s.keys[0]]: s.actions,
    [s.notResource ? `Not${s.keys[1]}` : s.keys[1]]: s.resources,
  }));

/** Concrete roles of the account: named ones, and fresh ones no policy names. */
const ROLE_SAMPLE = [
  'arn:aws:iam::111122223333:role/admin',
  'arn:aws:iam::111122223333:role/app',
  'arn:aws:iam::111122223333:role/zz-fresh',
  'arn:aws:iam::111122223333:role/path/zz-fresh',
];

describe('permissions: broad-grant verdicts agree with the evaluator', () => {
  test('IRSA010 (iam:PassRole on every role) over a sampled universe of roles', () => {
    fc.assert(
      fc.property(fc.array(permissionStatement, { minLength: 1, maxLength: 4 }), (statements) => {
        const doc = parse(statements);
        const broad = broadAllows(doc, 'iam:PassRole', EVERY_ROLE);
        const allowed = ROLE_SAMPLE.map(
          (r) => evaluatePolicy(doc, { action: 'iam:PassRole', resource: r, context: {} }) === 'allow',
        );
        // Fresh roles (nobody names them) are allowed exactly when the verdict says "every role".
        const freshAllowed = allowed[2] && allowed[3];
        if (broad.length > 0 !== freshAllowed)
          throw new Error(
            `verdict ${broad.length > 0} vs evaluator ${freshAllowed}: ${JSON.stringify(statements)}`,
          );
        // Roles the verdict lists as exceptions are the only ones it may leave out.
        if (broad.length > 0) {
          const excepted = new Set(broad.flatMap((b) => b.except));
          ROLE_SAMPLE.forEach((r, i) => {
            if (!allowed[i] && ![...excepted].some((e) => e === r || e.endsWith('*')))
              throw new Error(`${r} refused but not listed as an exception: ${JSON.stringify(statements)}`);
          });
        }
      }),
      { numRuns: scaled(3000), seed: 11 },
    );
  });

  test('IRSA009 (every action on every resource) over sampled actions and resources', () => {
    fc.assert(
      fc.property(fc.array(permissionStatement, { minLength: 1, maxLength: 4 }), (statements) => {
        const doc = parse(statements);
        const verdict =
          broadAllows(doc, '*', EVERY_RESOURCE).length > 0 || everyActionTogether(doc).length > 0;
        // Fresh actions, the ones policies name, and one instance of every pattern they name.
        const named = doc.statements.flatMap((st) => [...(st.action ?? []), ...(st.notAction ?? [])]);
        const actions = [
          'zzsvc:ZzAction',
          'iam:ZzAction',
          'ec2:ZzAction',
          ...ACTIONS,
          ...named.map((a) => a.replace(/\*/g, 'Zz')),
        ];
        const resources = ['arn:aws:zzsvc:us-east-1:111122223333:thing/zz', 'arn:aws:s3:::zz-bucket'];
        const allowedOn = (resource: string) =>
          actions.every((action) => evaluatePolicy(doc, { action, resource, context: {} }) === 'allow');
        // Resources the policy itself names as exceptions (NotResource, a Deny's Resource) may be left out.
        const exceptions = doc.statements.flatMap((st) => [
          ...(st.notResource ?? []),
          ...(st.effect === 'Deny' ? (st.resource ?? []) : []),
        ]);
        const unexcepted = resources.filter((r) => !exceptions.some((e) => wildcardMatch(e, r)));
        // Likewise actions a Deny names: a Deny of some actions leaves "every other action" broad.
        const denied = (action: string) =>
          doc.statements.some(
            (st) =>
              st.effect === 'Deny' &&
              (st.action
                ? st.action.some((p) => wildcardMatch(p, action, true))
                : st.notAction !== undefined),
          );
        const undeniedOn = (resource: string) =>
          actions
            .filter((a) => !denied(a))
            .every((action) => evaluatePolicy(doc, { action, resource, context: {} }) === 'allow');
        if (verdict && unexcepted.length > 0 && !unexcepted.every(undeniedOn))
          throw new Error(`IRSA009 fires but an action is refused: ${JSON.stringify(statements)}`);
        if (!verdict && resources.every(allowedOn))
          throw new Error(`IRSA009 silent while everything is allowed: ${JSON.stringify(statements)}`);
      }),
      { numRuns: scaled(3000), seed: 12 },
    );
  });
});
