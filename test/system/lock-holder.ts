// A second process for the lock tests. Modes:
//   <dir>                     opens the embedded database, writes a workspace, says "ready", holds it until killed
//   race <lock>               says "up", then on "go <round> <at>" (stdin) waits until Date.now() >= at, tries the lock and says
//                             "<round> held", "<round> locked" or "<round> failed …"; on "release <round>" lets go and says "<round> free"
//   update <lock> <n>         takes the lock, says "ready", rewrites it n times with a long URL, says "done"
import { createInterface } from 'node:readline';
import { acquireLock, DatabaseLockedError, type Lock } from '../../src/store/lock.ts';

const [mode, arg, count] = process.argv.slice(2);

if (mode === 'race') {
  let held: Lock | undefined;
  process.stdout.write('up\n');
  for await (const line of createInterface({ input: process.stdin })) {
    const [verb, round, at] = line.split(' ');
    if (verb === 'go') {
      while (Date.now() < Number(at)) {}
      try {
        held = acquireLock(arg!);
        process.stdout.write(`${round} held\n`);
      } catch (error) {
        const what = error instanceof DatabaseLockedError ? 'locked' : `failed ${(error as Error).message}`;
        process.stdout.write(`${round} ${what}\n`);
      }
    } else if (verb === 'release') {
      held?.release();
      held = undefined;
      process.stdout.write(`${round} free\n`);
    }
  }
} else if (mode === 'update') {
  const lock = acquireLock(arg!);
  process.stdout.write('ready\n');
  for (let i = 0; i < Number(count); i++) lock.update({ url: `http://127.0.0.1:${i}/${'x'.repeat(4000)}` });
  process.stdout.write('done\n');
  lock.release();
} else {
  const { createWorkspace } = await import('../../src/app/workspaces.ts');
  const { openEmbeddedStore } = await import('../../src/store/database.ts');
  const store = await openEmbeddedStore(mode!);
  await createWorkspace({ store }, { slug: 'held', name: 'Written by the holder' });
  process.stdout.write('ready\n');
  setInterval(() => {}, 1000);
}
