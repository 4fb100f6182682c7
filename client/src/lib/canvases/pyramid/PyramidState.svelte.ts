// One customer pyramid canvas as reactive state: its accounts, the segmentation and analysis of the
// live document, its settings, and the typed operations the views call (every write goes through
// shared/src/canvases/pyramid with the user's origin). The components only show this.
import { followDocument } from '../followDocument.ts';
import type * as Y from 'yjs';
import { getCanvas, updateCanvasSettings } from '$shared/board/canvases.ts';
import { readSettings } from '$shared/canvases/kind.ts';
import { nameKey, readAccounts, removeAccount, setAccount, setAccountLevel, type Account, type AccountValue } from '$shared/canvases/pyramid/accounts.ts';
import { analyzePyramid, type PyramidAnalysis } from '$shared/canvases/pyramid/pyramidAnalysis.ts';
import { pyramidKind } from '$shared/canvases/pyramid/pyramidKind.ts';
import type { Level, Strategy } from '$shared/canvases/pyramid/pyramidLevels.ts';
import type { PyramidSettings, PyramidShares } from '$shared/canvases/pyramid/pyramidSettings.ts';
import { segmentCustomers, type Segmentation } from '$shared/canvases/pyramid/segmentCustomers.ts';

export interface AccountRow extends Account {
  /** Where it is shown: its manual level, or the rules'. */
  shown: Level;
  /** Where revenue and status put it. */
  ruled: Level;
}

export class PyramidState {
  settings = $state.raw<PyramidSettings>(pyramidKind.settings.parse({}));
  analysis = $state.raw<PyramidAnalysis>(analyzePyramid([], pyramidKind.settings.parse({})));
  /** Every account with its levels, largest revenue first (then name). */
  rows = $state.raw<readonly AccountRow[]>([]);
  title = $state('');

  constructor(
    private readonly doc: Y.Doc,
    readonly canvasId: string,
    private readonly origin: unknown,
  ) {
    this.read();
  }

  /**
   * Follows the document until the returned function is called: this user's changes at once,
   * others' at most once per animation frame (an import of 10,000 accounts is one update anyway).
   */
  follow(): () => void {
    return followDocument(this.doc, this.origin, () => this.read());
  }

  private read(): void {
    const canvas = getCanvas(this.doc, this.canvasId);
    const settings = readSettings(pyramidKind, canvas?.settings ?? {});
    const accounts = readAccounts(this.doc, this.canvasId);
    const seg = segmentCustomers(accounts, settings.shares);
    this.settings = settings;
    this.analysis = analyzePyramid(accounts, settings, seg);
    this.rows = sortedRows(accounts, seg);
    this.title = canvas?.title ?? '';
  }

  /** Whether an account other than `exceptId` has this name (compared as the import compares names). */
  hasName(name: string, exceptId?: string): boolean {
    const key = nameKey(name);
    return this.rows.some((r) => r.id !== exceptId && nameKey(r.name) === key);
  }

  // Facilitator operations (the server refuses them from anyone else).

  saveAccount(account: AccountValue & { id?: string }): string {
    return setAccount(this.doc, this.canvasId, account, this.origin);
  }

  removeAccount(id: string): void {
    removeAccount(this.doc, this.canvasId, id, this.origin);
  }

  /** A manual level, or null: back to where revenue and status put it. */
  moveAccount(account: Account, level: Level | null): void {
    setAccountLevel(this.doc, this.canvasId, account, level, this.origin);
  }

  setShares(shares: PyramidShares): void {
    updateCanvasSettings(this.doc, this.canvasId, { shares }, this.origin);
  }

  // The team's (participants too).

  setStrategy(level: Level, strategy: Strategy): void {
    updateCanvasSettings(this.doc, this.canvasId, { strategies: { ...this.settings.strategies, [level]: strategy } }, this.origin);
  }
}

function sortedRows(accounts: readonly Account[], seg: Segmentation): AccountRow[] {
  const rows = accounts.map((a) => ({ ...a, shown: seg.level.get(a.id)!, ruled: seg.ruled.get(a.id)! }));
  return rows.sort((x, y) => y.current - x.current || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}
