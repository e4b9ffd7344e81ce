/**
 * Readable role names (`roleNaming: "readable"`) as a pure function: IAM's role-name characters and
 * 64-character limit (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html), and a
 * hash suffix stated here independently: the first 8 hex digits of the SHA-256 of the construct path and
 * the sorted provider ARNs, one per line.
 */
import { createHash } from 'node:crypto';
import { TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { readableRoleName, roleNameLabel } from '../../src/policy/role-name';

const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const sha8 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);
const A = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/A';
const B = 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/B';

describe('roleNameLabel', () => {
  test.each([
    ['kube-system-external-dns', 'kube-system-external-dns'],
    ['a', 'a'],
    // characters IAM refuses become one "-", runs of "-" collapse
    ['ns/app name', 'ns-app-name'],
    ['ns--app', 'ns-app'],
    ['a!!!b', 'a-b'],
    // IAM's other allowed characters stay
    ['a+b=c,d.e@f_g', 'a+b=c,d.e@f_g'],
    // leading and trailing "-" and "." are trimmed
    ['-app-', 'app'],
    ['..app..', 'app'],
    ['.-app-.', 'app'],
    // nothing left: a fixed fallback
    ['', 'irsa'],
    ['---', 'irsa'],
    ['é', 'irsa'],
  ])('%j becomes %j', (input, expected) => {
    expect(roleNameLabel(input)).toBe(expected);
  });

  test('is cut to 64 - 8 - 1 = 55 characters, then trimmed', () => {
    expect(roleNameLabel('x'.repeat(100))).toBe('x'.repeat(55));
    expect(roleNameLabel(`${'x'.repeat(54)}-yyy`)).toBe('x'.repeat(54));
    expect(roleNameLabel(`${'x'.repeat(55)}yyy`)).toHaveLength(55);
  });
});

describe('readableRoleName', () => {
  test('label, "-", then the first 8 hex digits of sha256(path + sorted ARNs, one per line)', () => {
    const name = readableRoleName({ label: 'shop-app', constructPath: 'stack/role', providerArns: [B, A] });
    expect(name).toBe(`shop-app-${sha8(`stack/role\n${A}\n${B}`)}`);
    expect(name).toMatch(IAM_ROLE_NAME);
  });

  test('provider order does not matter; path and providers do', () => {
    const base = { label: 'l', constructPath: 'stack/role' };
    const ab = readableRoleName({ ...base, providerArns: [A, B] });
    expect(readableRoleName({ ...base, providerArns: [B, A] })).toBe(ab);
    expect(readableRoleName({ ...base, providerArns: [A] })).not.toBe(ab);
    expect(readableRoleName({ ...base, constructPath: 'stack/other', providerArns: [A, B] })).not.toBe(ab);
  });

  test('the longest label still gives a name IAM accepts (64 characters)', () => {
    const name = readableRoleName({ label: 'n'.repeat(200), constructPath: 's/r', providerArns: [A] });
    expect(name).toHaveLength(64);
    expect(name).toMatch(IAM_ROLE_NAME);
  });

  test('with a token ARN the hash is left to Terraform: sha256, sort and substr of the same text', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const arn = new TerraformVariable(stack, 'arn', { type: 'string' }).stringValue;
    const name = readableRoleName({ label: 'app', constructPath: 's/r', providerArns: [arn, A] });
    expect(Token.isUnresolved(name)).toBe(true);
    new TerraformOutput(stack, 'name', { value: name });
    const synthesized = JSON.parse(Testing.synth(stack)) as { output: { name: { value: string } } };
    expect(synthesized.output.name.value).toBe(
      `\${join("", ["app-", substr(sha256(join("\\n", concat(["s/r"], sort([var.arn, "${A}"])))), 0, 8)])}`,
    );
  });
});
