/**
 * The mutation driver's after-run type check (Stryker's own checker is off): a surviving mutant that does
 * not compile is reclassified as a compile error; one that compiles stays a survivor; a file edited since
 * the run is left alone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  applyMutant,
  editedSince,
  mergeRerun,
  renderMarkdown,
  summarize,
  survivorRanges,
  typeCheckSurvivors,
} from '../../scripts/mutation';

const FILE = 'src/iam/evaluate.ts';
const source = fs.readFileSync(path.join(__dirname, '..', '..', FILE), 'utf8');

/** A mutant replacing the first occurrence of `text` (on one line) with `replacement`. */
function mutantAt(id: string, text: string, replacement: string) {
  const offset = source.indexOf(text);
  if (offset < 0) throw new Error(`${text} not in ${FILE}`);
  const before = source.slice(0, offset).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  return {
    id,
    mutatorName: 'Test',
    replacement,
    status: 'Survived',
    location: { start: { line, column }, end: { line, column: column + text.length } },
  };
}

test('applyMutant replaces exactly the located text', () => {
  const m = mutantAt('1', 'export function', 'export  function');
  const mutated = applyMutant(source, m);
  expect(mutated.length).toBe(source.length + 1);
  expect(mutated.replace('export  function', 'export function')).toBe(source);
});

test('survivors that do not compile become compile errors; the others stay', () => {
  const compiles = mutantAt('ok', 'export function', 'export function');
  const broken = mutantAt('bad', 'export function', 'export functio');
  const report = { files: { [FILE]: { source, mutants: [compiles, broken] } } };
  expect(typeCheckSurvivors(report)).toBe(1);
  expect(report.files[FILE].mutants.map((m) => [m.id, m.status])).toEqual([
    ['ok', 'Survived'],
    ['bad', 'CompileError'],
  ]);
  const summary = summarize('iam', report, '2026-11-28 00:00', 'test', [FILE]);
  expect([summary.survived, summary.compileErrors]).toEqual([1, 1]);
});

test('a file changed since the run is not checked', () => {
  const broken = mutantAt('bad', 'export function', 'export functio');
  const report = { files: { [FILE]: { source: `${source}\n// edited`, mutants: [broken] } } };
  expect(typeCheckSurvivors(report)).toBe(0);
  expect(broken.status).toBe('Survived');
});

describe('survivors rerun', () => {
  const at = (line: number, status: string, replacement = 'x') => ({
    id: `${line}`,
    mutatorName: 'StringLiteral',
    replacement,
    status,
    location: { start: { line, column: 3 }, end: { line, column: 9 } },
  });

  test('survivorRanges: the place of each survivor or uncovered mutant (0-based columns), in line order', () => {
    const block = {
      ...at(20, 'Survived'),
      location: { start: { line: 20, column: 3 }, end: { line: 24, column: 2 } },
    };
    const report = {
      files: {
        'src/a.ts': {
          source: 'a',
          mutants: [at(10, 'Survived'), at(2, 'NoCoverage'), at(10, 'Survived', 'y'), block],
        },
        'src/b.ts': { source: 'b', mutants: [at(5, 'Killed'), at(7, 'CompileError')] },
      },
    };
    expect(survivorRanges(report)).toEqual(['src/a.ts:2:2-2:8', 'src/a.ts:10:2-10:8', 'src/a.ts:20:2-24:1']);
    expect(survivorRanges(report, ['src/b.ts'])).toEqual([]);
    expect(survivorRanges(report, ['src/a.ts'])).toHaveLength(3);
  });

  test('mergeRerun takes the new status of the same mutant, and only where the file text is the same', () => {
    const full = {
      files: {
        'src/a.ts': { source: 'a', mutants: [at(1, 'Survived'), at(2, 'Survived'), at(3, 'Killed')] },
        'src/b.ts': { source: 'b', mutants: [at(1, 'Survived')] },
      },
    };
    const rerun = {
      files: {
        // line 1 now killed; line 2 still survives; a different replacement on line 2 is another mutant
        'src/a.ts': { source: 'a', mutants: [at(1, 'Killed'), at(2, 'Survived'), at(2, 'Killed', 'other')] },
        // b.ts was edited since the full run: its results are not taken
        'src/b.ts': { source: 'b2', mutants: [at(1, 'Killed')] },
      },
    };
    expect(mergeRerun(full, rerun)).toBe(1);
    expect(full.files['src/a.ts'].mutants.map((m) => m.status)).toEqual(['Killed', 'Survived', 'Killed']);
    expect(full.files['src/b.ts'].mutants[0].status).toBe('Survived');
  });

  test('mergeRerun replaces the record of a file edited since the run, which the rerun mutated whole', () => {
    const full = {
      files: {
        'src/a.ts': { source: 'a', mutants: [at(1, 'Survived')] },
        'src/b.ts': { source: 'b', mutants: [at(1, 'Survived'), at(2, 'Killed')] },
      },
    };
    const edited = { source: 'b2', mutants: [at(1, 'Killed'), at(3, 'Survived'), at(4, 'Killed')] };
    const rerun = { files: { 'src/a.ts': { source: 'a', mutants: [at(1, 'Killed')] }, 'src/b.ts': edited } };
    expect(mergeRerun(full, rerun, ['src/b.ts'])).toBe(1);
    expect(full.files['src/a.ts'].mutants[0].status).toBe('Killed');
    expect(full.files['src/b.ts']).toBe(edited);
    // A file to replace that the rerun did not mutate is an error, not a silent keep of the old record.
    expect(() => mergeRerun(full, { files: {} }, ['src/c.ts'])).toThrow(
      'the rerun has no record of src/c.ts, which it was to mutate whole',
    );
  });

  test('editedSince: the files whose text on disk differs from the text the run mutated', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mutation-'));
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src/same.ts'), 'same');
    fs.writeFileSync(path.join(root, 'src/edited.ts'), 'new text');
    const report = {
      files: {
        'src/same.ts': { source: 'same', mutants: [] },
        'src/edited.ts': { source: 'old text', mutants: [] },
        'src/gone.ts': { source: 'x', mutants: [] },
      },
    };
    expect(editedSince(report, root)).toEqual(['src/edited.ts', 'src/gone.ts']);
    fs.rmSync(root, { recursive: true });
  });
});

test('MUTATION.md: equivalent reasons, survivors killed after the run (not counted), and the rest', () => {
  const survivor = (id: string) => ({ key: id, id: `${id} => x`, status: 'Survived', replacement: 'x' });
  const summary = {
    folder: 'iam',
    path: 'src/iam',
    target: 80,
    date: '2026-11-29 00:14',
    command: 'stryker run',
    total: 10,
    killed: 6,
    timeout: 0,
    survived: 3,
    noCoverage: 1,
    compileErrors: 0,
    runtimeErrors: 0,
    score: 60,
    files: ['src/iam/a.ts'],
    notRun: [],
    survivors: [
      survivor('a.ts:1:1 M'),
      survivor('a.ts:2:1 M'),
      survivor('a.ts:3:1 M'),
      survivor('a.ts:4:1 M'),
    ],
  };
  const text = renderMarkdown(
    [summary],
    { 'a.ts:1:1 M => x': 'equivalent: why' },
    { 'a.ts:2:1 M => x': 't.test.ts' },
  );
  expect(text).toContain('| `src/iam` | 80% | 60.00% (NOT met) | 6 | 0 | 3 | 1 | 0 | 10 |');
  expect(text).toContain('- `src/iam`: 1 of its 4 survivors; with them the score would be 70.00%.');
  expect(text).toContain('| `a.ts:1:1 M` | Survived | `x` | equivalent: why |');
  expect(text).toContain(
    '| `a.ts:2:1 M` | Survived | `x` | killed by a test added after the run (t.test.ts), not yet re-measured |',
  );
  expect(text).toContain('| `a.ts:3:1 M` | Survived | `x` | not yet explained: to be killed by a test |');
});
