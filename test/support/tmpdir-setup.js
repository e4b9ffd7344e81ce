/**
 * Jest globalSetup: every temporary file of a test run goes under one folder that globalTeardown removes.
 * CDKTF's Testing helpers make a `cdktf.outdir.*` folder in the temp dir for every synth and never remove
 * it, so without this each run of the suite left thousands of folders behind in /tmp. The workers start
 * after this and inherit TMPDIR, which os.tmpdir() and Terraform read.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function setup() {
  // Remembered for globalTeardown, which puts it back: a second run in the same process (watch mode)
  // must not make its folder inside the one the first run removed.
  process.env.IRSA_JEST_TMPDIR_BEFORE = process.env.TMPDIR ?? '';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irsa-jest-'));
  process.env.IRSA_JEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
