/** The documentation names every construct prop, and the README the two commands. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');

test('every prop in src/props.ts appears in docs/constructs.md', () => {
  const props = fs.readFileSync(path.join(root, 'src', 'props.ts'), 'utf8');
  const reference = fs.readFileSync(path.join(root, 'docs', 'constructs.md'), 'utf8');
  const names = [...props.matchAll(/^\s+readonly (\w+)\??:/gm)].map((m) => m[1]);
  expect(names.length).toBeGreaterThan(25);
  const missing = names.filter((n) => !reference.includes(`\`${n}\``));
  expect(missing).toEqual([]);
});

test('the README names the two commands and stays short', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  expect(readme).toContain('npm ci && npm run synth');
  expect(readme).toContain('npm test');
  expect(readme.split('\n').length).toBeLessThanOrEqual(250);
});

test('the README has one quick start per kind of user', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const quickStarts = [...readme.matchAll(/^## Quick start: (.+)$/gm)].map((m) => m[1]);
  expect(quickStarts).toEqual([
    'CDKTF',
    'CDK Terrain (cdktn)',
    'Terraform modules',
    'reviewers',
    'eksctl users',
  ]);
});
