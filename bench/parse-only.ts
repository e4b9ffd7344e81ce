/** The review benchmark's floor: read a plan file and JSON.parse it, nothing else. */
import * as fs from 'node:fs';

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as { resource_changes?: unknown[] };
process.stdout.write(`${plan.resource_changes?.length ?? 0}\n`);
