/**
 * The last checks of src/validation/validate.ts (statements, AWS managed policy names, IAM actions, metadata,
 * truncated values) and the add-on options of src/validation/well-known.ts, one test per promised message.
 */
import { TerraformVariable } from 'cdktf';
import {
  IamServiceAccount,
  IamServiceAccountProps,
  IrsaRole,
  IrsaRoleProps,
  PolicyDocument,
  WellKnownPolicies,
} from '../../src';
import { ADDON_RULES } from '../../src/validation/addon-rules';
import { IrsaValidationError, checkAwsManagedPolicy } from '../../src/validation/validate';
import { provider1, roleProps, testStack } from '../support/stacks';

const PREFIX = 'arn:aws:iam::aws:policy/';

const addonRoleProps = (extra: Partial<IrsaRoleProps> = {}): IrsaRoleProps =>
  roleProps(extra, 'kube-system:addon');

/** The error a role construction throws (and that nothing was added to the stack). */
function roleError(extra: Partial<IrsaRoleProps>): IrsaValidationError {
  const { stack } = testStack();
  let error: unknown;
  try {
    new IrsaRole(stack, 'role', addonRoleProps(extra));
  } catch (e) {
    error = e;
  }
  expect(stack.node.children.length).toBe(0);
  expect(error).toBeInstanceOf(IrsaValidationError);
  return error as IrsaValidationError;
}

function expectRoleError(extra: Partial<IrsaRoleProps>, message: string) {
  expect(roleError(extra).message).toBe(`test/role: ${message}`);
}

function expectRoleOk(extra: Partial<IrsaRoleProps>) {
  const { stack } = testStack();
  expect(() => new IrsaRole(stack, 'role', addonRoleProps(extra))).not.toThrow();
}

const wellKnownError = (policies: unknown, message: string) =>
  expectRoleError({ wellKnownPolicies: policies as WellKnownPolicies }, message);

const statement = (s: Record<string, unknown>): PolicyDocument =>
  ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...s }] }) as unknown as PolicyDocument;

// First in the file: the name index of AWS managed policies is built on the first call.
describe('AWS managed policy ARNs', () => {
  test('a name under another path or case is an error naming the real ARN', () => {
    const real = `${PREFIX}service-role/AmazonEBSCSIDriverPolicy`;
    const why = (arn: string) =>
      `attachPolicyArns[0] "${arn}" is invalid: it must be the ARN of an existing AWS managed policy: this one is ${real} (the path and the case are part of the ARN).`;
    for (const arn of [
      `${PREFIX}AmazonEBSCSIDriverPolicy`,
      `${PREFIX}service-role/amazonebscsidriverpolicy`,
      `${PREFIX}other/AMAZONEBSCSIDRIVERPOLICY`,
    ]) {
      expect(() => checkAwsManagedPolicy('test/role', 'attachPolicyArns[0]', arn)).toThrow(
        `test/role: ${why(arn)}`,
      );
    }
    // The real ARN passes.
    expect(checkAwsManagedPolicy('test/role', 'attachPolicyArns[0]', real)).toBeUndefined();
  });

  test('a typo of up to one edit in five characters is named (three edits in a 22-character name)', () => {
    // AmazonEKSClusterPolicy with three letters left out.
    const arn = `${PREFIX}AmazonEKSClstrPolcy`;
    const warning = checkAwsManagedPolicy('test/role', 'attachPolicyArns[0]', arn);
    expect(warning).toContain(`; did you mean "${PREFIX}AmazonEKSClusterPolicy"?`);
  });

  test('an ARN built from a token is not checked (no warning)', () => {
    const { stack } = testStack();
    const name = new TerraformVariable(stack, 'name', { type: 'string' }).stringValue;
    expect(checkAwsManagedPolicy('test/role', 'attachPolicyArns[0]', `${PREFIX}${name}`)).toBeUndefined();
  });

  test('a value that is not a string is left to the ARN syntax check (no TypeError here)', () => {
    for (const value of [42, ['x'], { arn: `${PREFIX}AmazonS3ReadOnlyAccess` }])
      expect(checkAwsManagedPolicy('test/role', 'attachPolicyArns[0]', value as never)).toBeUndefined();
  });
});

describe('inline policy statements', () => {
  test('an action with text after it is not "service:Action"', () =>
    expectRoleError(
      { inlinePolicy: statement({ Action: 's3:GetObject extra', Resource: '*' }) },
      'inlinePolicy.Statement[0].Action "s3:GetObject extra" is invalid: it must be "*" or "service:Action" (wildcards allowed).',
    ));
  test('an action with text before it is not "service:Action"', () =>
    expectRoleError(
      { inlinePolicy: statement({ Action: 'x s3:GetObject', Resource: '*' }) },
      'inlinePolicy.Statement[0].Action "x s3:GetObject" is invalid: it must be "*" or "service:Action" (wildcards allowed).',
    ));
  test('Resource and NotResource together', () =>
    expectRoleError(
      { inlinePolicy: statement({ Action: 's3:GetObject', Resource: '*', NotResource: '*' }) },
      'inlinePolicy.Statement[0].Resource "*" is invalid: it must be given, or NotResource given instead (exactly one of the two; identity policies need one).',
    ));
  test('a NotPrincipal', () =>
    expectRoleError(
      { inlinePolicy: statement({ Action: 's3:GetObject', Resource: '*', NotPrincipal: '*' }) },
      'inlinePolicy.Statement[0].Principal "*" is invalid: it must be absent: a permissions policy applies to the role itself (who may assume it is the trust policy).',
    ));
});

describe('inline policy text that is not JSON is shown cut to 60 characters', () => {
  const why =
    'is invalid: it must be an IAM policy document object or its JSON text (this is not valid JSON).';
  test('60 characters are shown whole', () => {
    const text = `{${'x'.repeat(59)}`;
    expectRoleError({ inlinePolicy: text }, `inlinePolicy "${text}" ${why}`);
  });
  test('61 characters are cut to 57 and "..."', () => {
    const text = `{${'x'.repeat(60)}`;
    expectRoleError({ inlinePolicy: text }, `inlinePolicy "${text.slice(0, 57)}..." ${why}`);
  });
});

describe('service account metadata', () => {
  function saError(extra: Partial<IamServiceAccountProps>, message: string) {
    const { stack } = testStack();
    const props = { oidcProvider: provider1(), name: 'app', ...extra } as IamServiceAccountProps;
    expect(() => new IamServiceAccount(stack, 'sa', props)).toThrow(`test/sa: ${message}`);
    expect(stack.node.children.length).toBe(0);
  }
  test('an annotation value that is not a string', () =>
    saError(
      { annotations: { note: 5 as unknown as string } },
      'annotations["note"] 5 is invalid: it must be a string.',
    ));
  test('a label key that is a token passes unchecked', () => {
    const { stack } = testStack();
    const key = new TerraformVariable(stack, 'key', { type: 'string' }).stringValue;
    expect(
      () =>
        new IamServiceAccount(stack, 'sa', {
          oidcProvider: provider1(),
          name: 'app',
          labels: { [key]: 'v' },
        }),
    ).not.toThrow();
  });
});

describe('wellKnownPolicies', () => {
  const zoneAllowed = ADDON_RULES.hostedZoneId.allowed;

  test('not an object', () => {
    for (const value of ['x', null]) {
      wellKnownError(
        value,
        `wellKnownPolicies ${JSON.stringify(value)} is invalid: it must be an object with one key per add-on (see WELL_KNOWN_ADDONS).`,
      );
    }
  });

  test('an unknown key like no add-on gets no suggestion rather than a wrong one', () => {
    const error = roleError({
      wellKnownPolicies: { 'Stryker was hera': true } as unknown as WellKnownPolicies,
    });
    expect(error.property).toBe('wellKnownPolicies');
    expect(error.message).toBe(
      'test/role: wellKnownPolicies key "Stryker was hera" is not a known add-on. The keys are listed in WELL_KNOWN_ADDONS.',
    );
  });

  test('an alias with its key names the alias as the property', () => {
    const error = roleError({ wellKnownPolicies: { clusterAutoscaler: true, autoScaler: true } });
    expect(error.property).toBe('wellKnownPolicies.autoScaler');
  });

  test('undefined and false leave an add-on out', () => {
    for (const value of [undefined, false]) {
      expectRoleOk({
        wellKnownPolicies: { externalDns: value, clusterAutoscaler: value } as unknown as WellKnownPolicies,
      });
    }
  });

  test('an add-on with only string scopes has no unscoped form', () =>
    wellKnownError(
      { pganalyze: true },
      'wellKnownPolicies.pganalyze true is invalid: it must be an object with region, accountId (this add-on has no unscoped form).',
    ));

  test('true names every required scope, strings and lists', () =>
    wellKnownError(
      { karpenterController: true },
      'wellKnownPolicies.karpenterController true is invalid: it must be an object with clusterName, region, accountId, nodeRoleArns (this add-on has no unscoped form).',
    ));

  test('an add-on value that is not an object', () => {
    for (const value of ['x', null]) {
      wellKnownError(
        { velero: value },
        `wellKnownPolicies.velero ${JSON.stringify(value)} is invalid: it must be an object with bucketArns.`,
      );
      wellKnownError(
        { clusterAutoscaler: value },
        `wellKnownPolicies.clusterAutoscaler ${JSON.stringify(value)} is invalid: it must be true, false, or an object of options.`,
      );
    }
  });

  test('an unknown option lists every option and names the option as the property', () => {
    const error = roleError({
      wellKnownPolicies: { externalSecrets: { secretArn: [] } } as unknown as WellKnownPolicies,
    });
    expect(error.property).toBe('wellKnownPolicies.externalSecrets.secretArn');
    expect(error.message).toBe(
      'test/role: wellKnownPolicies.externalSecrets.secretArn is not an option of externalSecrets: did you mean "secretArns"? Options: secretArns, parameterArns, kmsKeyArns, createSecrets.',
    );
  });

  test('a flag given as a token passes', () => {
    const { stack } = testStack();
    const flag = new TerraformVariable(stack, 'flag', { type: 'bool' }).booleanValue;
    expect(
      () =>
        new IrsaRole(
          stack,
          'role',
          addonRoleProps({
            wellKnownPolicies: { ebsCsiDriver: { inline: flag } } as unknown as WellKnownPolicies,
          }),
        ),
    ).not.toThrow();
  });

  test('a required list left out', () =>
    wellKnownError(
      { velero: {} },
      `wellKnownPolicies.velero.bucketArns undefined is invalid: it must be a non-empty list of ${ADDON_RULES.s3BucketArn.allowed}.`,
    ));

  test('a list given as a token', () => {
    const { stack } = testStack();
    const zones = new TerraformVariable(stack, 'zones', { type: 'list(string)' }).listValue;
    expect(
      () =>
        new IrsaRole(
          stack,
          'role',
          addonRoleProps({ wellKnownPolicies: { externalDns: { hostedZoneIds: zones } } }),
        ),
    ).toThrow(
      'test/role: wellKnownPolicies.externalDns.hostedZoneIds "<a token>" is invalid: it must be a list written out in code (its items may be tokens): the list decides how many statements are written.',
    );
  });

  test('a list given as one string', () =>
    wellKnownError(
      { externalDns: { hostedZoneIds: 'Z1' } },
      `wellKnownPolicies.externalDns.hostedZoneIds "Z1" is invalid: it must be a list of ${zoneAllowed}.`,
    ));

  test('an empty list a flag requires', () =>
    wellKnownError(
      { imageBuilder: { inline: true, repositoryArns: [] } },
      `wellKnownPolicies.imageBuilder.repositoryArns [] is invalid: it must be a non-empty list of ${ADDON_RULES.ecrRepositoryArn.allowed}.`,
    ));

  test('list items that are tokens pass unchecked', () => {
    const { stack } = testStack();
    const zone = new TerraformVariable(stack, 'zone', { type: 'string' }).stringValue;
    expect(
      () =>
        new IrsaRole(
          stack,
          'role',
          addonRoleProps({ wellKnownPolicies: { externalDns: { hostedZoneIds: [zone] } } }),
        ),
    ).not.toThrow();
  });

  test('a list item that is not a string', () =>
    wellKnownError(
      { externalDns: { hostedZoneIds: [['Z0123456789ABCDEFGHIJ']] } },
      `wellKnownPolicies.externalDns.hostedZoneIds[0] ["Z0123456789ABCDEFGHIJ"] is invalid: it must be ${zoneAllowed}.`,
    ));

  test('a list a flag requires is needed only with the flag on', () => {
    expectRoleOk({ wellKnownPolicies: { imageBuilder: { inline: false } } });
    wellKnownError(
      { imageBuilder: { inline: true } },
      `wellKnownPolicies.imageBuilder.repositoryArns undefined is invalid: it must be a non-empty list of ${ADDON_RULES.ecrRepositoryArn.allowed} (imageBuilder.inline needs it).`,
    );
  });

  test('one of the alternatives is enough', () =>
    expectRoleOk({
      wellKnownPolicies: {
        externalSecrets: { secretArns: ['arn:aws:secretsmanager:eu-west-1:111122223333:secret:app-AbCdEf'] },
      },
    }));
});
