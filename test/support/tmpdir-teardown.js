/** Jest globalTeardown: removes the run's temporary folder and restores TMPDIR (see tmpdir-setup.js). */
const fs = require('node:fs');

module.exports = async function teardown() {
  const dir = process.env.IRSA_JEST_TMPDIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  const before = process.env.IRSA_JEST_TMPDIR_BEFORE;
  if (before) process.env.TMPDIR = before;
  else delete process.env.TMPDIR;
  delete process.env.IRSA_JEST_TMPDIR;
  delete process.env.IRSA_JEST_TMPDIR_BEFORE;
};
