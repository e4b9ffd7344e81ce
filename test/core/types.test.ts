/**
 * The public types as a user's code meets them: policies held in untyped variables, boolean and number
 * condition values, the ServiceAccount resource's class, and hover text on every exported class.
 */
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Annotations as KubernetesAnnotations } from '@cdktf/provider-kubernetes/lib/annotations';
import * as path from 'node:path';
import * as ts from 'typescript';
import { IamServiceAccount, IrsaRole } from '../../src';
import { provider1, resourcesOf, synthJson, testStack } from '../support/stacks';

const root = path.join(__dirname, '..', '..');

/** Type-checks `source` as a strict user file next to this test; returns the diagnostics as text. */
function typeCheck(source: string): string[] {
  const file = path.join(__dirname, '__user_code__.ts');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

test('policies in untyped variables, with boolean and number conditions, type-check', () => {
  const diagnostics = typeCheck(`
import { TerraformStack, Testing } from 'cdktf';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { IamServiceAccount, IrsaRole, OidcProvider } from '../../src';

const stack = new TerraformStack(Testing.app(), 'user');
const oidcProvider = OidcProvider.fromArn('arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X');
// TypeScript widens these fields to string: the policy type must still accept them.
const statement = {
  Effect: 'Allow',
  Action: ['s3:GetObject'],
  Resource: '*',
  Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThanEquals: { 's3:max-keys': 10 } },
};
const policy = { Version: '2012-10-17', Statement: [statement] };
const role = new IrsaRole(stack, 'role', { trust: [{ oidcProvider, serviceAccounts: ['a:b'] }], inlinePolicy: policy });
role.addToPolicy(statement);
const sa = new IamServiceAccount(stack, 'sa', { oidcProvider, name: 'app' });
// The resource's own class, not TerraformResource: its attributes are typed.
const created: ServiceAccountV1 | undefined = sa.serviceAccount instanceof ServiceAccountV1 ? sa.serviceAccount : undefined;
export const annotations = created?.metadata.annotations;
export const forced = sa.serviceAccount instanceof ServiceAccountV1 ? undefined : sa.serviceAccount?.forceInput;
`);
  expect(diagnostics).toEqual([]);
});

test('a boolean condition value is validated and synthesized as a JSON boolean', () => {
  const { stack } = testStack();
  new IrsaRole(stack, 'role', {
    trust: [{ oidcProvider: provider1(), serviceAccounts: ['a:b'] }],
    inlinePolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': false }, NumericLessThan: { 's3:max-keys': 10 } },
        },
      ],
    },
  });
  const [inline] = resourcesOf(synthJson(stack), 'aws_iam_role_policy');
  expect(JSON.parse(inline.policy as string).Statement[0].Condition).toEqual({
    Bool: { 'aws:SecureTransport': false },
    NumericLessThan: { 's3:max-keys': 10 },
  });
});

test('serviceAccount is the ServiceAccountV1, or the KubernetesAnnotations when adopting one', () => {
  const { stack } = testStack();
  const created = new IamServiceAccount(stack, 'created', { oidcProvider: provider1(), name: 'a' });
  const adopted = new IamServiceAccount(stack, 'adopted', {
    oidcProvider: provider1(),
    name: 'b',
    overrideExistingServiceAccount: true,
  });
  expect(created.serviceAccount).toBeInstanceOf(ServiceAccountV1);
  expect(adopted.serviceAccount).toBeInstanceOf(KubernetesAnnotations);
  expect(IrsaRole).toBeDefined();
});

test('every class exported from the package has a JSDoc comment (editor hover text)', () => {
  const program = ts.createProgram([path.join(root, 'src', 'index.ts')], {
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(path.join(root, 'src', 'index.ts'));
  const moduleSymbol = checker.getSymbolAtLocation(index!)!;
  const classes = checker
    .getExportsOfModule(moduleSymbol)
    .map((s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s))
    .filter((s) => s.flags & ts.SymbolFlags.Class);
  expect(classes.map((c) => c.getName()).sort()).toEqual(
    expect.arrayContaining(['IamServiceAccount', 'IrsaRole', 'IrsaValidationError', 'OidcProvider']),
  );
  const undocumented = classes
    .filter((c) => ts.displayPartsToString(c.getDocumentationComment(checker)).trim() === '')
    .map((c) => c.getName());
  expect(undocumented).toEqual([]);
});
