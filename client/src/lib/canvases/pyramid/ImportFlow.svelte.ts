// The import of a CSV file as a small state machine the canvas shows: read the file (UTF-8), parse
// it here with the shared parser (so a wrong file is explained at once, in the user's language),
// ask before replacing accounts that are there, send it to the server, show what came back.
import { parseAccountsCsv } from '$shared/canvases/pyramid/accountsCsv.ts';
import { importAccounts, readUtf8, type ImportAnswer, type ImportError } from './importAccounts.ts';

export type ImportStep =
  | { kind: 'idle' }
  /** Accounts are on the canvas: replacing them needs a yes. */
  | { kind: 'confirm'; file: string; csv: string; incoming: number; rejected: number; current: number }
  | { kind: 'busy'; file: string }
  | { kind: 'done'; file: string; answer: ImportAnswer }
  /** A problem with the whole file (or the request): `problem` when there is a code to translate. */
  | { kind: 'failed'; file: string; problem?: unknown; error?: ImportError };

export class ImportFlow {
  step = $state<ImportStep>({ kind: 'idle' });

  constructor(
    private readonly target: () => { boardId: string; canvasId: string; session: string; current: number },
  ) {}

  async choose(file: File): Promise<void> {
    const csv = await readUtf8(file);
    if (csv === undefined) return void (this.step = { kind: 'failed', file: file.name, problem: { code: 'not_utf8' } });
    const parsed = parseAccountsCsv(csv);
    if (!parsed.ok) return void (this.step = { kind: 'failed', file: file.name, problem: parsed.problem });
    const { current } = this.target();
    if (current > 0 && parsed.accounts.length > 0) {
      this.step = { kind: 'confirm', file: file.name, csv, incoming: parsed.accounts.length, rejected: parsed.rejected.length, current };
      return;
    }
    await this.send(file.name, csv);
  }

  async confirm(): Promise<void> {
    if (this.step.kind === 'confirm') await this.send(this.step.file, this.step.csv);
  }

  close(): void {
    this.step = { kind: 'idle' };
  }

  private async send(file: string, csv: string): Promise<void> {
    const { boardId, canvasId, session } = this.target();
    this.step = { kind: 'busy', file };
    try {
      this.step = { kind: 'done', file, answer: await importAccounts(boardId, canvasId, session, csv) };
    } catch (e) {
      const error = e as ImportError;
      this.step = { kind: 'failed', file, problem: error.problem, error };
    }
  }
}
