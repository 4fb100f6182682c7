// Removes the run's throwaway data directory (E2E_DATA_DIR, set by the config) unless asked to keep
// it. Output directories are per run (test-results/e2e-<run>) so that concurrent runs do not wipe
// each other's traces; Playwright leaves them behind empty when nothing failed, so empty ones from
// earlier runs (older than any run lasts) are removed here.
import { readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';

const STALE_MS = 30 * 60_000;

export default function globalTeardown(): void {
  const data = process.env.E2E_DATA_DIR;
  if (data && !process.env.E2E_KEEP_DATA) rmSync(data, { recursive: true, force: true });
  const out = process.env.E2E_OUTPUT_DIR;
  if (!out) return;
  const parent = path.dirname(out);
  let names: string[] = [];
  try {
    names = readdirSync(parent).filter((n) => n.startsWith('e2e-'));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(parent, name);
    try {
      if (Date.now() - statSync(dir).mtimeMs > STALE_MS && readdirSync(dir).length === 0) rmdirSync(dir);
    } catch {
      // Gone already, or not empty: leave it.
    }
  }
}
