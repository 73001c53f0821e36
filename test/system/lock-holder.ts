// A second process for the lock tests: opens the embedded database, writes a workspace, says so, and
// holds the database until it is killed.
import { createWorkspace } from '../../src/app/workspaces.ts';
import { openEmbeddedStore } from '../../src/store/database.ts';

const store = await openEmbeddedStore(process.argv[2]!);
await createWorkspace({ store }, { slug: 'held', name: 'Written by the holder' });
process.stdout.write('ready\n');
setInterval(() => {}, 1000);
