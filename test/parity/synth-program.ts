// Synthesizes one parity program into a given directory and leaves the cloud assembly there.
//
// Usage: node --import tsx [--import ./test/parity/hooks/register-wsgate.ts] test/parity/synth-program.ts <program> <outdir>
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROGRAMS_DIR } from './run-programs.js';

const [program, outdir] = process.argv.slice(2);
if (program === undefined || outdir === undefined) {
  process.stderr.write('usage: synth-program.ts <program> <outdir>\n');
  process.exit(2);
}
process.env.CDK_OUTDIR = outdir;
const module = (await import(pathToFileURL(join(PROGRAMS_DIR, `${program}.ts`)).href)) as {
  default: () => { synth(): unknown };
};
module.default().synth();
// Exit explicitly so that no `beforeExit` synthesis of the library under test runs a second time.
process.exit(0);
