/**
 * Renders the access-graph golden files (test/review/golden/graph-*.mmd.golden) to PNG pictures under
 * docs/graphs/, with the `mermaid` package's bundled browser build in a local HTML page and a headless
 * Chromium (Debian's `chromium` package; CHROMIUM=/path overrides). No network: the page loads mermaid
 * from node_modules. Not part of `npm test` (CI may have no Chromium).
 *
 *   npm run build && node dist/scripts/render-graphs.js
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(
  __dirname,
  '..',
  fs.existsSync(path.join(__dirname, '..', 'package.json')) ? '' : '..',
);
const golden = path.join(root, 'test', 'review', 'golden');
const out = path.join(root, 'docs', 'graphs');
const chromium = process.env['CHROMIUM'] ?? 'chromium';
const bundle = require.resolve('mermaid/dist/mermaid.min.js', { paths: [root] });

function page(text: string): string {
  const source = JSON.stringify(text).replace(/</g, '\\u003c');
  return `<!doctype html>
<html><head><meta charset="utf-8"><style>
body { margin: 0; background: #ffffff; font-family: sans-serif; }
#out { display: inline-block; padding: 16px; }
</style></head>
<body><div id="out"></div>
<script src="file://${bundle}"></script>
<script>
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', flowchart: { useMaxWidth: false } });
mermaid.render('graph', ${source}).then(({ svg }) => {
  const el = document.getElementById('out');
  el.innerHTML = svg;
  const box = el.getBoundingClientRect();
  document.title = 'size:' + Math.ceil(box.width) + 'x' + Math.ceil(box.height);
}).catch((e) => { document.title = 'error:' + e.message; });
</script></body></html>
`;
}

function run(args: string[], profile: string): string {
  return execFileSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      '--allow-file-access-from-files',
      '--virtual-time-budget=20000',
      `--user-data-dir=${profile}`,
      ...args,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 180_000 },
  );
}

function main(): void {
  fs.mkdirSync(out, { recursive: true });
  const files = fs
    .readdirSync(golden)
    .filter((f) => /^graph-.*\.mmd\.golden$/.test(f))
    .sort();
  for (const file of files) {
    const name = file.replace(/^graph-/, '').replace(/\.mmd\.golden$/, '');
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'render-graph-'));
    try {
      const html = path.join(work, 'graph.html');
      fs.writeFileSync(html, page(fs.readFileSync(path.join(golden, file), 'utf8')));
      const dom = run(['--dump-dom', `file://${html}`], path.join(work, 'profile-1'));
      const title = /<title>([^<]*)<\/title>/.exec(dom)?.[1] ?? '(no title)';
      const size = /^size:(\d+)x(\d+)$/.exec(title);
      if (!size) throw new Error(`${file}: mermaid did not render (${title})`);
      const png = path.join(out, `${name}.png`);
      run(
        [`--screenshot=${png}`, `--window-size=${size[1]},${size[2]}`, `file://${html}`],
        path.join(work, 'profile-2'),
      );
      console.log(`${path.relative(root, png)} ${size[1]}x${size[2]}`);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
}

main();
