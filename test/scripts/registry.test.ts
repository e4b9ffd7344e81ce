/**
 * The Terraform Registry tree (npm run build:registry): assembled from the committed modules/, it follows
 * the Registry's standard module structure; every layout rule reports a broken tree with its own message;
 * terraform fmt and validate pass for everything the provider mirror can install (the rest skips with its
 * printed reason).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageInfo } from '../../src/modules/package-info';
import {
  REGISTRY_REPOSITORY,
  assembleRegistryTree,
  registryAddress,
  treePath,
} from '../../scripts/release/registry';
import {
  listTree,
  neededProviders,
  registryLayoutProblems,
  treeFolders,
} from '../../scripts/release/registry-check';
import { checkRegistryTree, writeRegistryTree } from '../../scripts/release/registry-tree';
import { terraformCliUnavailableReason } from '../../tools/terraform';
import { SKIP_LOG, describeUnless } from '../support/skip';

const root = path.join(__dirname, '..', '..');
const info = packageInfo();
const modulesDir = path.join(root, 'modules');
const modulesFiles = Object.fromEntries(
  listTree(modulesDir).map((f) => [f, fs.readFileSync(path.join(modulesDir, f), 'utf8')]),
);
const tree = assembleRegistryTree(modulesFiles, fs.readFileSync(path.join(root, 'LICENSE'), 'utf8'), info);
const expectUsage = { address: registryAddress(info), version: info.version };
const problems = (files: Record<string, string>, name = REGISTRY_REPOSITORY, all?: string[]) =>
  registryLayoutProblems(name, files, expectUsage, all);

describe('assembled tree', () => {
  test('the repository is terraform-aws-eks-irsa, published as <owner>/eks-irsa/aws', () => {
    expect(REGISTRY_REPOSITORY).toBe('terraform-aws-eks-irsa');
    expect(registryAddress(info)).toBe('cdktf-irsa/eks-irsa/aws');
    expect(registryAddress(info, 'iam-service-account')).toBe(
      'cdktf-irsa/eks-irsa/aws//modules/iam-service-account',
    );
  });

  test('root = the role module; the others under modules/; every example under examples/', () => {
    const mods = ['eks-cluster-oidc', 'iam-role-for-service-accounts', 'iam-service-account'];
    expect(treePath('modules/iam-role-for-service-accounts/main.tf', mods)).toBe('main.tf');
    expect(treePath('modules/iam-role-for-service-accounts', mods)).toBe('');
    expect(treePath('modules/iam-role-for-service-accounts/examples/basic/main.tf', mods)).toBe(
      'examples/basic/main.tf',
    );
    expect(treePath('modules/iam-service-account/examples/basic', mods)).toBe(
      'examples/iam-service-account-basic',
    );
    expect(treePath('modules/eks-cluster-oidc/tests/lookup.tftest.hcl', mods)).toBe(
      'modules/eks-cluster-oidc/tests/lookup.tftest.hcl',
    );
    expect(treePath('docs/modules.md', mods)).toBeUndefined();
    expect(treePath('modules/README.md', mods)).toBeUndefined();
  });

  test('it follows every layout rule', () => {
    expect(problems(tree)).toEqual([]);
  });

  test('the same module files, with sources rewritten to the new layout', () => {
    expect(tree['variables.tf']).toBe(modulesFiles['iam-role-for-service-accounts/variables.tf']);
    expect(tree['modules/iam-service-account/main.tf']).toContain('source = "../.."');
    expect(tree['examples/eks-cluster-oidc-for-each/main.tf']).toContain(
      'source = "../../modules/eks-cluster-oidc"',
    );
    expect(tree['examples/iam-service-account-role-only-helm/main.tf']).toContain('source = "../.."');
    expect(tree['tests/unknown_values/main.tf']).toContain('source = "../.."');
    expect(tree.LICENSE).toBe(fs.readFileSync(path.join(root, 'LICENSE'), 'utf8'));
  });

  test('READMEs use Registry addresses with the version; links outside the tree go to the release tag', () => {
    expect(tree['README.md']).toContain(`source  = "cdktf-irsa/eks-irsa/aws"\n  version = "${info.version}"`);
    expect(tree['modules/iam-service-account/README.md']).toContain(
      `source  = "cdktf-irsa/eks-irsa/aws//modules/iam-service-account"\n  version = "${info.version}"`,
    );
    expect(tree['modules/iam-service-account/README.md']).toContain(
      `(https://github.com/cdktf-irsa/cdktf-irsa/blob/v${info.version}/docs/modules.md#values-known-only-after-apply)`,
    );
    expect(tree['modules/iam-service-account/README.md']).toContain('[role module](../..)');
  });

  test('providers needed follow local module sources', () => {
    expect([...neededProviders(tree, 'examples/iam-service-account-basic').keys()].sort()).toEqual([
      'hashicorp/aws',
      'hashicorp/kubernetes',
    ]);
    expect(neededProviders(tree, 'examples/eks-pod-identity-basic').get('hashicorp/aws')).toContain(
      '>= 6.0, < 7.0',
    );
  });
});

describe('layout rules: each broken rule is reported', () => {
  const without = (file: string) => Object.fromEntries(Object.entries(tree).filter(([f]) => f !== file));
  const edit = (file: string, change: (text: string) => string) => ({ ...tree, [file]: change(tree[file]) });

  test.each([
    [
      'terraform-aws',
      'repository name "terraform-aws" is not terraform-<provider>-<name> (lower case, provider without hyphens)',
    ],
    [
      'cdktf-irsa',
      'repository name "cdktf-irsa" is not terraform-<provider>-<name> (lower case, provider without hyphens)',
    ],
  ])('name %s', (name, message) => {
    expect(problems(tree, name)).toEqual([message]);
  });
  test.each([
    ['LICENSE', 'root module: LICENSE is missing'],
    ['outputs.tf', 'root module: outputs.tf is missing'],
    ['modules/eks-cluster-oidc/README.md', 'modules/eks-cluster-oidc: README.md is missing'],
    ['examples/basic/README.md', 'examples/basic: README.md is missing'],
  ])('missing %s', (file, message) => {
    expect(problems(without(file))).toContain(message);
  });
  test('no example', () => {
    const files = Object.fromEntries(Object.entries(tree).filter(([f]) => !f.startsWith('examples/')));
    expect(problems(files)).toContain(
      'examples/: no example (the Registry shows examples/* of the root and submodules)',
    );
  });
  test('Terraform working files', () => {
    expect(
      problems(tree, REGISTRY_REPOSITORY, [...Object.keys(tree), 'examples/basic/.terraform', 'x.tfstate']),
    ).toEqual([
      'examples/basic/.terraform: Terraform working files must not be published',
      'x.tfstate: Terraform working files must not be published',
    ]);
  });
  test('required_version and required_providers', () => {
    expect(problems(edit('versions.tf', () => 'terraform {}\n'))).toEqual([
      'root module: no terraform { required_version }',
      'root module: no terraform { required_providers }',
      'root module: uses aws_* but declares no required_providers.aws',
    ]);
    expect(problems(edit('versions.tf', (t) => t.replace(/\n\s*version = "[^"]+"/, '')))).toEqual([
      'root module: required_providers.aws needs both source and version',
    ]);
  });
  test('a provider block in a module', () => {
    expect(problems(edit('main.tf', (t) => `${t}\nprovider "aws" {\n  region = "us-east-1"\n}\n`))).toEqual([
      'root module: provider "aws" block (a published module must leave providers to its caller)',
    ]);
  });
  test('a variable or output without description', () => {
    expect(problems(edit('variables.tf', (t) => `${t}\nvariable "extra" {\n  type = string\n}\n`))).toEqual([
      'root module: variable "extra" has no description',
    ]);
    expect(problems(edit('outputs.tf', (t) => `${t}\noutput "extra" {\n  value = 1\n}\n`))).toEqual([
      'root module: output "extra" has no description',
    ]);
  });
  test('module sources that are not relative, leave the tree or point at no module', () => {
    const main = 'examples/basic/main.tf';
    expect(
      problems(
        edit(main, (t) =>
          t.replace(
            'source = "../.."',
            'source = "git::https://github.com/cdktf-irsa/cdktf-irsa.git//modules/iam-role-for-service-accounts?ref=v0.2.0"',
          ),
        ),
      ),
    ).toEqual([
      `${main}: module source "git::https://github.com/cdktf-irsa/cdktf-irsa.git//modules/iam-role-for-service-accounts?ref=v0.2.0" is not relative (modules in one Registry repository refer to each other by path)`,
    ]);
    expect(
      problems(edit(main, (t) => t.replace('source = "../.."', 'source = "cdktf-irsa/eks-irsa/aws"'))),
    ).toEqual([
      `${main}: module source "cdktf-irsa/eks-irsa/aws" is not relative (modules in one Registry repository refer to each other by path)`,
    ]);
    expect(problems(edit(main, (t) => t.replace('source = "../.."', 'source = "../../.."')))).toEqual([
      `${main}: module source "../../.." leaves the tree`,
    ]);
    expect(
      problems(edit(main, (t) => t.replace('source = "../.."', 'source = "../../modules/nothing"'))),
    ).toEqual([`${main}: module source "../../modules/nothing" is no module in the tree`]);
  });
  test('README links, placeholders and the Registry usage', () => {
    expect(problems(edit('examples/basic/README.md', (t) => `${t}\nSee [x](../nothing/main.tf).\n`))).toEqual(
      ['examples/basic/README.md: link ../nothing/main.tf points at nothing in the tree'],
    );
    expect(problems(edit('examples/basic/README.md', () => '  \n'))).toEqual([
      'examples/basic/README.md: empty README',
    ]);
    expect(
      problems(edit('modules/eks-cluster-oidc/README.md', (t) => `${t}\nsource = "git::x?ref=v1"\n`)),
    ).toEqual([
      'modules/eks-cluster-oidc/README.md: a git source or placeholder is left (the Registry tree uses Registry addresses)',
    ]);
    expect(
      problems(edit('README.md', (t) => t.replaceAll(`version = "${info.version}"`, 'version = "9.9.9"'))),
    ).toContain(
      `README.md: no usage with source = "cdktf-irsa/eks-irsa/aws" and version = "${info.version}"`,
    );
  });
});

describeUnless(terraformCliUnavailableReason(), 'registry tree: terraform fmt and validate', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-registry-test-'));
  const dir = path.join(out, REGISTRY_REPOSITORY);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test('the written tree passes; what the mirror cannot install is skipped with its reason', () => {
    const written = writeRegistryTree(root, info, dir);
    expect(written).toEqual(Object.keys(tree));
    const check = checkRegistryTree(dir, info);
    for (const s of check.skipped) {
      const line = `SKIPPED "registry tree: terraform validate ${s.dir}": ${s.reason}\n`;
      process.stderr.write(line);
      fs.appendFileSync(SKIP_LOG, line);
    }
    expect(check.layout).toEqual([]);
    expect(check.problems).toEqual([]);
    // The AWS-only root, its examples and the OIDC submodules need nothing but the AWS provider 5.x.
    expect(check.validated).toEqual(
      expect.arrayContaining([
        '(root)',
        'examples/basic',
        'modules/eks-oidc-provider',
        'modules/eks-cluster-oidc',
      ]),
    );
    const folders = treeFolders(Object.keys(tree));
    expect(folders.submodules.length).toBeGreaterThanOrEqual(4);
    expect(folders.examples.length).toBeGreaterThanOrEqual(16);
    expect(check.validated.length + check.skipped.length).toBe(
      1 + folders.submodules.length + folders.examples.length,
    );
    // Validation ran in a scratch copy: the tree holds no Terraform working files.
    expect(listTree(dir, true).filter((f) => /\.terraform/.test(f))).toEqual([]);
  });
});
