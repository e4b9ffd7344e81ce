/**
 * The documentation says only what works: every TypeScript block of README.md and docs/ type-checks against
 * the built package (dist/, one TypeScript program for all blocks), every HCL block validates with
 * `terraform validate` against the local provider mirror (all blocks in one configuration) unless it is
 * marked `<!-- fragment: why -->`, every relative link and anchor resolves, and every README link is absolute
 * and points at a file of this repository that exists. Placeholder text: test/scripts/placeholders.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import * as ts from 'typescript';
import { IamServiceAccount, OidcProvider } from '../../src';
import { describeUnless } from '../support/skip';
import {
  OFFLINE_AWS_PROVIDER_HCL,
  terraformEnv,
  terraformOk,
  terraformUnavailableReason,
} from '../../tools/terraform';
import { API_DIR, ROOT, anchors, codeBlocks, fencedBlocks, links, markdownFiles } from './markdown';

const REPO = 'https://github.com/cdktf-irsa/cdktf-irsa';
const files = markdownFiles({ withApi: false });
const blocks = files.flatMap(codeBlocks);
const tsBlocks = blocks.filter((b) => ['ts', 'typescript'].includes(b.lang));
const hclBlocks = blocks.filter((b) => ['hcl', 'terraform', 'tf'].includes(b.lang));
const at = (b: { file: string; line: number }) => `${b.file}:${b.line}`;

const tmpdirs: string[] = [];
afterAll(() => tmpdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function tmpdir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpdirs.push(dir);
  return dir;
}

test('code fences are read as CommonMark reads them, so no prose hides inside a block', () => {
  const lines = [
    '```` ```mermaid ```` blocks render on GitHub', // inline code at the start of a line: prose
    '````md',
    '```ts',
    'const x = 1;',
    '```',
    '````',
    '~~~hcl',
    'a = 1',
    '~~~',
    '## heading',
  ];
  expect(fencedBlocks(lines)).toEqual([
    { open: 1, close: 5, indent: '', lang: 'md' },
    { open: 6, close: 8, indent: '', lang: 'hcl' },
  ]);
});

test('the documentation has code blocks of every kind the tests check', () => {
  expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/cdktf.md', 'docs/troubleshooting.md']));
  expect(tsBlocks.length).toBeGreaterThan(10);
  expect(hclBlocks.length).toBeGreaterThan(3);
});

describe('TypeScript blocks', () => {
  /**
   * What a block may use without declaring it: the quick-start app's `stack`, `oidcProvider`, `cluster` and
   * Kubernetes provider; a block without imports also the package's constructs and cdktf's classes.
   */
  const PRELUDE_IMPORTS: Record<string, string[]> = {
    cdktf: ['App', 'Fn', 'TerraformOutput', 'TerraformStack'],
    'cdktf-irsa': [
      'EksOidcProvider',
      'IamServiceAccount',
      'IrsaRole',
      'OidcProvider',
      'buildTrustPolicy',
      'renderPolicy',
    ],
  };
  const PRELUDE_DECLARATIONS: Record<string, string> = {
    stack: "import('cdktf').TerraformStack",
    oidcProvider: "import('cdktf-irsa').OidcProvider",
    cluster: "import('@cdktf/provider-aws/lib/eks-cluster').EksCluster",
    kubernetesProvider: "import('@cdktf/provider-kubernetes/lib/provider').KubernetesProvider",
  };

  function withPrelude(code: string): string {
    const declares = (name: string) =>
      new RegExp(`\\b(const|let|var|class|function|import)\\s+(\\{[^}]*\\b)?${name}\\b`).test(code);
    const imports = /^import /m.test(code)
      ? []
      : Object.entries(PRELUDE_IMPORTS).map(
          ([from, names]) => `import { ${names.filter((n) => !declares(n)).join(', ')} } from '${from}';`,
        );
    const declarations = Object.entries(PRELUDE_DECLARATIONS)
      .filter(([name]) => !declares(name))
      .map(([name, type]) => `declare const ${name}: ${type};`);
    // One line, so the block's own line numbers are those of the file plus one.
    return `${[...imports, ...declarations].join(' ')}\n${code}\nexport {};\n`;
  }

  test('type-check against the built package', () => {
    const dist = path.join(ROOT, 'dist');
    const entries = ['src/index.d.ts', 'cdktn/index.d.ts', 'src/review/index.d.ts'].map((f) =>
      path.join(dist, f),
    );
    const missing = entries.filter((f) => !fs.existsSync(f));
    if (missing.length > 0) throw new Error(`run npm run build first: ${missing.join(', ')} missing`);
    const dir = tmpdir('irsa-docs-ts-');
    const sources = new Map<string, (typeof tsBlocks)[number]>();
    tsBlocks.forEach((block, i) => {
      const file = path.join(dir, `block${i}.ts`);
      fs.writeFileSync(file, withPrelude(block.code));
      sources.set(file, block);
    });
    const program = ts.createProgram([...sources.keys()], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      // ES modules, so that top-level await type-checks; packages resolve as with CommonJS.
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      baseUrl: ROOT,
      // As an app that installed the package: its entry points are dist/'s (package.json "exports").
      paths: {
        'cdktf-irsa': ['dist/src/index.d.ts'],
        'cdktf-irsa/cdktn': ['dist/cdktn/index.d.ts'],
        'cdktf-irsa/review': ['dist/src/review/index.d.ts'],
        '*': ['node_modules/*'],
      },
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const block = d.file ? sources.get(d.file.fileName) : undefined;
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!block || d.start === undefined) return message;
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start);
      return `${block.file}:${block.line + line}: ${message}`;
    });
    expect(problems).toEqual([]);
  });
});

const MODULE_SOURCE =
  /"git::https:\/\/github\.com\/cdktf-irsa\/cdktf-irsa\.git\/\/modules\/([\w-]+)\?ref=v[\w.-]+"/g;
/** Blocks that need the Kubernetes provider (the service-account module, kubernetes_* resources). */
const needsKubernetes = (code: string) =>
  /modules\/iam-service-account|"kubernetes_|provider "kubernetes"/.test(code);
const checkedHcl = hclBlocks.filter((b) => !b.fragment);

/** Validates blocks in one configuration: each a child module of one root, so one init and one validate. */
function validateHcl(blocks: typeof hclBlocks): void {
  const dir = tmpdir('irsa-docs-hcl-');
  const calls = blocks.map((block, i) => {
    const child = path.join(dir, `block${i}`);
    fs.mkdirSync(child);
    const code = block.code.replace(MODULE_SOURCE, (_m, name: string) =>
      // Relative, so that Terraform reads the modules in place (an absolute path is copied as a package,
      // and the service-account module's "../iam-role-for-service-accounts" would leave it).
      JSON.stringify(path.relative(child, path.join(ROOT, 'modules', name))),
    );
    fs.writeFileSync(path.join(child, 'main.tf'), `# ${at(block)}\n${code}\n`);
    return `module "block${i}" {\n  source = "./block${i}"\n}\n`;
  });
  fs.writeFileSync(path.join(dir, 'main.tf'), calls.join('\n'));
  terraformOk(dir, ['init', '-input=false', '-no-color', '-backend=false']);
  terraformOk(dir, ['validate', '-no-color']);
}

test('HCL blocks that are not valid alone are marked as fragments, and the README quick start is not one', () => {
  expect(checkedHcl.map(at)).toContain(at(hclBlocks.find((b) => b.file === 'README.md')!));
  expect(checkedHcl.filter((b) => !needsKubernetes(b.code)).length).toBeGreaterThan(2);
});

describeUnless(terraformUnavailableReason(), 'HCL blocks with the AWS provider', () => {
  test('terraform validate', () => {
    expect(() => validateHcl(checkedHcl.filter((b) => !needsKubernetes(b.code)))).not.toThrow();
  });
});

describeUnless(
  terraformUnavailableReason(['hashicorp/aws', 'hashicorp/kubernetes']),
  'HCL blocks with the Kubernetes provider',
  () => {
    test('terraform validate', () => {
      expect(() => validateHcl(checkedHcl.filter((b) => needsKubernetes(b.code)))).not.toThrow();
    });
  },
);

describe('links', () => {
  const all = markdownFiles({ withApi: true });

  test('every relative link and anchor resolves', () => {
    const problems: string[] = [];
    for (const file of all.filter((f) => f !== 'README.md')) {
      for (const link of links(file)) {
        if (/^[a-z]+:/i.test(link)) continue;
        const [target, anchor] = link.split('#');
        const resolved =
          target === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
        if (!fs.existsSync(path.join(ROOT, resolved)))
          problems.push(`${file}: ${link}: ${resolved} does not exist`);
        else if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(decodeURIComponent(anchor)))
          problems.push(`${file}: ${link}: ${resolved} has no heading #${anchor}`);
      }
    }
    expect(problems).toEqual([]);
  });

  test("README links are absolute or anchors, and this repository's point at files and headings that exist", () => {
    const problems: string[] = [];
    for (const link of links('README.md')) {
      const [target, anchor] = link.split('#');
      if (target === '') {
        if (!anchors('README.md').has(anchor)) problems.push(`README.md: ${link}: no such heading`);
        continue;
      }
      if (!target.startsWith('https://')) {
        problems.push(`README.md: ${link}: relative (the npm package page has no docs/)`);
        continue;
      }
      const own = new RegExp(`^${REPO}/(blob|tree)/main/(.+)$`).exec(target);
      if (!target.startsWith(REPO) || target === REPO) continue;
      if (!own) {
        problems.push(`README.md: ${link}: not on the default branch`);
        continue;
      }
      if (!fs.existsSync(path.join(ROOT, own[2])))
        problems.push(`README.md: ${link}: ${own[2]} does not exist`);
      else if (anchor && !anchors(own[2]).has(anchor))
        problems.push(`README.md: ${link}: no heading #${anchor}`);
    }
    expect(problems).toEqual([]);
  });

  test('the generated API reference is linked from the README and its pages link to each other', () => {
    expect(links('README.md')).toContain(`${REPO}/blob/main/${API_DIR}/README.md`);
    expect(all.filter((f) => f.startsWith(`${API_DIR}/`)).length).toBeGreaterThan(20);
  });
});

describe('what the docs say commands and constructs do', () => {
  test("the README's eksctl quick start runs as pasted (irsa from dist/)", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = /^## Quick start: eksctl users\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
    const sh = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const commands = sh
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .filter((l) => l.startsWith('npx irsa '));
    expect(commands).toHaveLength(1);
    const cwd = tmpdir('irsa-docs-cli-');
    const args = commands[0].split(/\s+/).slice(2);
    execFileSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'cli', 'main.js'), ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const written = fs.readFileSync(path.join(cwd, 'ebs-csi.tf'), 'utf8');
    expect(written).toContain('namespace_service_accounts = ["kube-system:ebs-csi-controller-sa"]');
    expect(written).toContain('arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy');
  });

  describeUnless(terraformUnavailableReason(), "the README's reviewers quick start", () => {
    test('runs as pasted on a real plan: a role any service account can assume fails the check', () => {
      const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      const section = /^## Quick start: reviewers\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
      const sh = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
      expect(sh).toContain('terraform show -json');
      const cwd = tmpdir('irsa-docs-review-');
      const issuer = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
      fs.writeFileSync(
        path.join(cwd, 'main.tf'),
        `${OFFLINE_AWS_PROVIDER_HCL}
resource "aws_iam_role" "any_pod" {
  name = "any-pod"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/${issuer}" }
      Condition = { StringLike = { "${issuer}:sub" = "system:serviceaccount:*" } }
    }]
  })
}
`,
      );
      terraformOk(cwd, ['init', '-input=false', '-no-color']);
      // The block as pasted; only `npx irsa-review` is pointed at this checkout's build.
      const bin = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, 'dist', 'src', 'review', 'cli.js'))}`;
      const script = sh.replace(/\bnpx irsa-review\b/g, bin);
      const run = spawnSync('bash', ['-e', '-c', script], { cwd, encoding: 'utf8', env: terraformEnv() });
      expect(run.status).toBe(1);
      expect(fs.existsSync(path.join(cwd, 'plan.json'))).toBe(true);
      expect(run.stdout).toContain('aws_iam_role.any_pod');
      expect(run.stdout).toMatch(/IRSA\d{3}/);
      expect(run.stdout).toMatch(/\bhigh\b/i);
    });
  });

  test("docs/constructs.md's readable role name is the one the construct gives", () => {
    const reference = fs.readFileSync(path.join(ROOT, 'docs', 'constructs.md'), 'utf8');
    const claimed = /is named\s+`(kube-system-external-dns-[0-9a-f]{8})`/.exec(reference)?.[1];
    const app = Testing.app();
    const stack = new TerraformStack(app, 'irsa');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new IamServiceAccount(stack, 'external-dns', {
      oidcProvider: OidcProvider.fromArn(
        'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE',
      ),
      namespace: 'kube-system',
      name: 'external-dns',
      roleOnly: true,
      roleNaming: 'readable',
      wellKnownPolicies: { externalDns: true },
    });
    const json = JSON.parse(Testing.synth(stack)) as {
      resource: { aws_iam_role: Record<string, { name: string }> };
    };
    expect(Object.values(json.resource.aws_iam_role).map((r) => r.name)).toEqual([claimed]);
  });
});
