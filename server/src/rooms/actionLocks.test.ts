// Issue 11 with issue 10's locks: a locked actions canvas holds participants (no new action, no edit
// of one), not the facilitator; an unlocked one lets them write. Through the real write check on a
// real document, as Room.handleUpdate calls it.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../../../shared/src/board/meta.ts';
import { addCanvas } from '../../../shared/src/board/canvases.ts';
import { createAction, updateAction } from '../../../shared/src/canvases/actions/actionOperations.ts';
import { emptySessionState } from '../../../shared/src/facilitation/sessionState.ts';
import type { Actor } from '../auth/permissions.ts';
import { checkWrites } from './writeCheck.ts';

const participant: Actor = { role: 'participant', participantId: 'pAnn' };
const facilitator: Actor = { role: 'facilitator', participantId: 'pFiona' };

function board() {
  const server = new Y.Doc();
  initBoard(server, { title: 'Acme', template: 'swot', language: 'en', createdAt: 1 });
  const canvas = addCanvas(server, { kind: 'actions', title: 'Action plan' });
  const existing = createAction(server, { canvas, title: 'Call the top 10', author: 'Fiona' });
  /** A fresh copy of the board, as a client that has just synced. */
  const client = () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    return doc;
  };
  return { server, client, canvas, existing };
}

function updateOf(client: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  change();
  return Y.encodeStateAsUpdate(client, before);
}

describe('actions on a locked canvas', () => {
  it('refuses a participant’s new action and edit there, and lets the facilitator write', () => {
    const { server, client, canvas, existing } = board();
    const locked = { ...emptySessionState(), locks: { board: false, canvases: [canvas] } };
    const a = client();
    const add = updateOf(a, () => createAction(a, { canvas, title: 'Mine', author: 'Ann' }));
    const b = client();
    const edit = updateOf(b, () => updateAction(b, existing, { field: 'status', value: 'done' }));
    for (const update of [add, edit]) {
      expect(checkWrites(server, Y.decodeUpdate(update), participant, locked)).toMatchObject({ kind: 'forbidden', target: { kind: 'action' } });
      expect(checkWrites(server, Y.decodeUpdate(update), facilitator, locked)).toBeUndefined();
      expect(checkWrites(server, Y.decodeUpdate(update), participant, emptySessionState())).toBeUndefined();
    }
  });
});
