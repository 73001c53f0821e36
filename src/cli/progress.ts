import { io, note } from './output.ts';

/** A one-line progress bar on stderr for people; silent when stderr is not a terminal (scripts, CI). */
export function progressBar(label: string) {
  const tty = io().stderr.isTTY;
  let last = -1;
  return {
    update(done: number, total: number) {
      if (!tty || total === 0) return;
      const pct = Math.floor((done / total) * 100);
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      note(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct}% (${done}/${total})`);
    },
    done() {
      if (tty && last >= 0) note('\n');
    },
  };
}
