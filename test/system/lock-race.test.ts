import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';

const RACERS = 6;
const ROUNDS = 32;

/** Each round starts with one of these in place of the lock: nothing, or a lock nobody holds any more. */
const setups: Record<string, (lock: string) => void> = {
  'no lock': () => {},
  'dead pid': (lock) => writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345 })),
  // A live pid that was handed to another process since: this test runner's, with another start time.
  'reused pid': (lock) =>
    writeFileSync(
      lock,
      JSON.stringify({
        pid: process.pid,
        start: 1,
        boot: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
        token: 'earlier',
      }),
    ),
  'empty, long ago': (lock) => {
    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
  },
};

function racer(lock: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'lock-holder.ts'), 'race', lock],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines: string[] = [];
  const waiting: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiting.splice(0)) wake();
  });
  const next = async (): Promise<string> => {
    while (!lines.length) {
      if (child.exitCode !== null) throw new Error(`racer exited with ${child.exitCode}`);
      await new Promise<void>((r) => waiting.push(r));
    }
    return lines.shift()!;
  };
  child.once('exit', () => {
    for (const wake of waiting.splice(0)) wake();
  });
  const send = (line: string) => child.stdin!.write(`${line}\n`);
  return { child, next, send };
}

describe('embedded database lock under concurrent acquirers', () => {
  it(`grants it to exactly one of ${RACERS} processes, ${ROUNDS} rounds, with and without a stale lock`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'vetted-lock-race-'));
    const lock = join(dir, 'vetted.lock');
    const racers = Array.from({ length: RACERS }, () => racer(lock));
    const kinds = Object.keys(setups);
    const failures: string[] = [];
    const holders: Record<string, number[]> = Object.fromEntries(kinds.map((k) => [k, []]));
    try {
      for (const r of racers) assert.equal(await r.next(), 'up');
      for (let round = 0; round < ROUNDS; round++) {
        const kind = kinds[round % kinds.length]!;
        rmSync(lock, { force: true });
        setups[kind]!(lock);
        // Everyone spins until the same instant, so the acquisitions truly overlap.
        const at = Date.now() + 40;
        for (const r of racers) r.send(`go ${round} ${at}`);
        const answers = await Promise.all(racers.map((r) => r.next()));
        failures.push(...answers.filter((a) => !/ (held|locked)$/.test(a)).map((a) => `${kind}, round ${a}`));
        holders[kind]!.push(answers.filter((a) => a.endsWith('held')).length);
        for (const r of racers) r.send(`release ${round}`);
        for (const a of await Promise.all(racers.map((r) => r.next()))) assert.equal(a, `${round} free`);
      }
    } finally {
      for (const r of racers) r.child.stdin!.end();
      await Promise.all(racers.map((r) => r.child.exitCode ?? new Promise((ok) => r.child.once('exit', ok))));
    }
    for (const kind of kinds) t.diagnostic(`${kind}: holders per round ${holders[kind]!.join(',')}`);
    assert.deepEqual(failures, [], 'every acquirer either holds the lock or is told who does');
    for (const kind of kinds) {
      assert.deepEqual(
        holders[kind],
        holders[kind]!.map(() => 1),
        `${kind}: exactly one holder in every round`,
      );
    }
    // Claims and temporary files go with the takeover that made them.
    assert.deepEqual(readdirSync(dir), []);
  });
});
