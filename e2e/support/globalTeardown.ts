// Removes the run's throwaway data directory (E2E_DATA_DIR, set by the config) unless asked to keep it.
import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
  const dir = process.env.E2E_DATA_DIR;
  if (dir && !process.env.E2E_KEEP_DATA) rmSync(dir, { recursive: true, force: true });
}
