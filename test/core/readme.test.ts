/** The README documents every prop of the constructs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addonsMarkdownTable } from '../../src/modules/addons';

const root = path.join(__dirname, '..', '..');

test('every prop in src/props.ts appears in the README', () => {
  const props = fs.readFileSync(path.join(root, 'src', 'props.ts'), 'utf8');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const names = [...props.matchAll(/^\s+readonly (\w+)\??:/gm)].map((m) => m[1]);
  expect(names.length).toBeGreaterThan(25);
  const missing = names.filter((n) => !readme.includes(`\`${n}\``));
  expect(missing).toEqual([]);
});

test('the README names the two commands', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  expect(readme).toContain('npm ci && npm run synth');
  expect(readme).toContain('npm test');
});

test('the README add-on table is the catalog', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const table = readme.split('<!-- addons-table:start -->\n')[1]?.split('\n<!-- addons-table:end -->')[0];
  expect(table).toBe(addonsMarkdownTable('construct'));
});
