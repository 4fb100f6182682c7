// The accounts of a customer pyramid in the board document: one flat root map `accounts`, one key
// per account, `<canvasId>/<accountId>`, value plain JSON (docs/data-model.md, "accounts"). Flat for
// the same reasons as `personal`: no container a concurrent writer could replace, and the server can
// tell from the key alone which canvas a write touches. 10,000 accounts are 10,000 map entries,
// about 80 bytes each.
import * as Y from 'yjs';
import { getRandomValues } from 'lib0/webcrypto';
import { CANVAS_ID_PATTERN, ROOT } from '../../board/schema.ts';
import { isLevel, isStatus, type AccountStatus, type Level } from './pyramidLevels.ts';

/** Account ids: url-safe, joined into keys after the canvas id. */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_NAME_LENGTH = 200;
export const MAX_POTENTIAL_LENGTH = 200;

/** What is stored per account. */
export interface AccountValue {
  name: string;
  /** Revenue this period (>= 0). */
  current: number;
  /** Revenue last period (>= 0). */
  previous: number;
  status: AccountStatus;
  /** The team's qualitative note on potential (free text, from the `potential` column). */
  potential?: string;
  /** A manual move to another level: kept as an override and shown as one. */
  level?: Level;
}

export interface Account extends AccountValue {
  id: string;
}

export function accountsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT.accounts);
}

export function accountKey(canvasId: string, accountId: string): string {
  if (!CANVAS_ID_PATTERN.test(canvasId)) throw new Error(`invalid canvas id: ${canvasId}`);
  if (!ACCOUNT_ID_PATTERN.test(accountId)) throw new Error(`invalid account id: ${accountId}`);
  return `${canvasId}/${accountId}`;
}

/** The parts of a key of `accounts`, or undefined when it is not one we could have written. */
export function parseAccountKey(key: string): { canvasId: string; accountId: string } | undefined {
  const slash = key.indexOf('/');
  if (slash < 0) return undefined;
  const canvasId = key.slice(0, slash);
  const accountId = key.slice(slash + 1);
  return CANVAS_ID_PATTERN.test(canvasId) && ACCOUNT_ID_PATTERN.test(accountId) ? { canvasId, accountId } : undefined;
}

/**
 * A stored value as an account, or undefined when it is not one (another program wrote it): such an
 * entry is left out of the pyramid, never guessed at.
 */
export function readAccount(id: string, v: unknown): Account | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.name !== 'string' || !isStatus(o.status)) return undefined;
  const current = revenue(o.current);
  const previous = revenue(o.previous);
  if (current === undefined || previous === undefined) return undefined;
  const account: Account = { id, name: o.name, current, previous, status: o.status };
  if (typeof o.potential === 'string' && o.potential !== '') account.potential = o.potential;
  if (isLevel(o.level)) account.level = o.level;
  return account;
}

function revenue(v: unknown): number | undefined {
  if (v === undefined) return 0;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** Every key of one canvas in `accounts`, readable or not (an import replaces them all). */
export function accountKeysOf(doc: Y.Doc, canvasId: string): string[] {
  const prefix = `${canvasId}/`;
  return Array.from(accountsMap(doc).keys()).filter((k) => k.startsWith(prefix));
}

/** Every readable account of one canvas, in key order of the map (callers sort). */
export function readAccounts(doc: Y.Doc, canvasId: string): Account[] {
  const out: Account[] = [];
  const prefix = `${canvasId}/`;
  accountsMap(doc).forEach((value, key) => {
    if (!key.startsWith(prefix)) return;
    const id = key.slice(prefix.length);
    if (!ACCOUNT_ID_PATTERN.test(id)) return;
    const account = readAccount(id, value);
    if (account) out.push(account);
  });
  return out;
}

/** The stored value of an account: only what it has (no `potential` or `level` keys when absent). */
export function accountValue(a: AccountValue): AccountValue {
  const v: AccountValue = { name: a.name, current: a.current, previous: a.previous, status: a.status };
  if (a.potential !== undefined && a.potential !== '') v.potential = a.potential;
  if (a.level !== undefined) v.level = a.level;
  return v;
}

/** Checks an account typed by hand; the reason is an i18n-ready code, undefined when it is fine. */
export function accountProblem(a: AccountValue): 'name_empty' | 'name_too_long' | 'revenue_invalid' | 'potential_too_long' | undefined {
  if (a.name.trim() === '') return 'name_empty';
  if (a.name.length > MAX_NAME_LENGTH) return 'name_too_long';
  if (![a.current, a.previous].every((n) => Number.isFinite(n) && n >= 0)) return 'revenue_invalid';
  if ((a.potential ?? '').length > MAX_POTENTIAL_LENGTH) return 'potential_too_long';
  return undefined;
}

/** Adds or replaces one account (typed by hand, or a level moved by hand); returns its id. */
export function setAccount(doc: Y.Doc, canvasId: string, account: AccountValue & { id?: string }, origin?: unknown): string {
  const problem = accountProblem(account);
  if (problem) throw new Error(`invalid account: ${problem}`);
  const id = account.id ?? newAccountId();
  const key = accountKey(canvasId, id);
  const value = accountValue({ ...account, name: account.name.trim() });
  const map = accountsMap(doc);
  // An unchanged account is not written again: every overwrite leaves metadata behind.
  if (JSON.stringify(map.get(key)) === JSON.stringify(value)) return id;
  doc.transact(() => map.set(key, value), origin);
  return id;
}

/** Moves an account to a level by hand (an override), or with null back to where its revenue puts it. */
export function setAccountLevel(doc: Y.Doc, canvasId: string, account: Account, level: Level | null, origin?: unknown): void {
  const { level: _old, ...rest } = account;
  setAccount(doc, canvasId, level === null ? rest : { ...rest, level }, origin);
}

export function removeAccount(doc: Y.Doc, canvasId: string, accountId: string, origin?: unknown): void {
  const key = accountKey(canvasId, accountId);
  const map = accountsMap(doc);
  if (map.has(key)) doc.transact(() => map.delete(key), origin);
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 10 url-safe characters (60 random bits): unique among the accounts of a board, short in every key. */
export function newAccountId(): string {
  return newAccountIds(1)[0];
}

/** `n` new ids from few calls to the random source (an import needs 10,000 at once). */
export function newAccountIds(n: number): string[] {
  const bytes = new Uint8Array(10 * n);
  // getRandomValues fills at most 65,536 bytes per call (Web Crypto).
  for (let at = 0; at < bytes.length; at += 65_536) getRandomValues(bytes.subarray(at, at + 65_536));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let id = '';
    for (let j = 0; j < 10; j++) id += ID_ALPHABET[bytes[i * 10 + j] & 63];
    out.push(id);
  }
  return out;
}

/**
 * The accounts an import writes: the parsed rows, each keeping the manual level of the account with
 * the same name (ignoring case) it replaces, so a fresh export from the CRM does not undo what the
 * team decided. New ids for all: a replaced account is a new entry.
 */
export function importedAccounts(rows: readonly AccountValue[], replaced: readonly Account[]): Array<[id: string, value: AccountValue]> {
  const overrides = new Map<string, Level>();
  for (const a of replaced) if (a.level) overrides.set(nameKey(a.name), a.level);
  const ids = newAccountIds(rows.length);
  return rows.map((row, i) => {
    const level = row.level ?? (overrides.size > 0 ? overrides.get(nameKey(row.name)) : undefined);
    return [ids[i], accountValue(level ? { ...row, level } : row)];
  });
}

/** Names compared as a person would: trimmed, ignoring case and how accents are composed. */
export function nameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}
