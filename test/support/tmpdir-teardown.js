/** Jest globalTeardown: removes the run's temporary folder (see tmpdir-setup.js). */
const fs = require('node:fs');

module.exports = async function teardown() {
  const dir = process.env.IRSA_JEST_TMPDIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
