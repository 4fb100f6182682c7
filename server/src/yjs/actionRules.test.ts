// Issue 11, the write rules of the action plan, against the real server with real y-websocket
// clients (the style of writeRules.test.ts): participants and facilitators create and edit every
// action live; a viewer's action is dropped; a key that is no action field is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Role } from '../../../shared/src/protocol.ts';
import { listActions, actionsMap } from '../../../shared/src/canvases/actions/actionRecord.ts';
import { actionText, createAction, updateAction } from '../../../shared/src/canvases/actions/actionOperations.ts';
import { addCanvas, readCanvases } from '../../../shared/src/board/canvases.ts';
import { startTestServer, waitFor, type TestServer } from '../testing/testServer.ts';
import { clientPool, joinAndSync, type TestClient } from '../testing/testClient.ts';

let t: TestServer;
const clients = clientPool(() => t.wsUrl);

beforeAll(async () => {
  t = await startTestServer({ wsMessagesPerSecond: 1000 });
});
afterAll(async () => {
  clients.destroyAll();
  await t.close();
});

async function workshop() {
  const board = await t.createBoard('Acme', 'confrontation');
  const member = (role: Role, name: string) => joinAndSync(t, clients, board, role, name);
  const fac = await member('facilitator', 'Fiona');
  const ann = await member('participant', 'Ann');
  const bob = await member('participant', 'Bob');
  const actions = addCanvas(fac.c.doc, { kind: 'actions', title: 'Action plan' });
  await waitFor(() => readCanvases(ann.c.doc).some((c) => c.id === actions) && readCanvases(bob.c.doc).some((c) => c.id === actions), 'the actions canvas');
  return { board, fac, ann, bob, actions, member };
}

async function freshCopy(board: { id: string }, member: (role: Role, name: string) => Promise<{ c: TestClient }>): Promise<Y.Doc> {
  return (await member('viewer', 'Fresh')).c.doc;
}

describe('action write rules', () => {
  it('lets a participant make an action, another edit it live and the facilitator set its owner', async () => {
    const { board, fac, ann, bob, actions, member } = await workshop();
    const id = createAction(ann.c.doc, { canvas: actions, title: 'Call the top 10 customers', author: 'Ann' });
    await waitFor(() => actionText(bob.c.doc, id, 'title') !== undefined, 'Ann’s action at Bob');
    actionText(bob.c.doc, id, 'title')!.insert(0, 'This month: ');
    updateAction(fac.c.doc, id, { field: 'owner', ownerId: bob.session.participantId, owner: 'Bob' });
    updateAction(ann.c.doc, id, { field: 'due', value: '2026-03-31' });
    await waitFor(() => {
      const [a] = listActions(fac.c.doc);
      return a?.title === 'This month: Call the top 10 customers' && a.due === '2026-03-31';
    }, 'the edits at the facilitator');
    expect([ann.c.refused, bob.c.refused, fac.c.refused]).toEqual([[], [], []]);
    const [stored] = listActions(await freshCopy(board, member));
    expect(stored).toMatchObject({ title: 'This month: Call the top 10 customers', ownerId: bob.session.participantId, due: '2026-03-31', canvas: actions });
  });

  it('drops an action a viewer writes: nobody else gets it and the board does not keep it', async () => {
    const { board, fac, ann, actions, member } = await workshop();
    createAction(ann.c.doc, { canvas: actions, title: 'Kept', author: 'Ann' });
    await waitFor(() => listActions(fac.c.doc).length === 1, 'Ann’s action');
    const vic = await member('viewer', 'Vic');
    createAction(vic.c.doc, { canvas: actions, title: 'from a viewer', author: 'Vic' });
    // Presence is handled after the update on the same connection (see writeRules.test.ts).
    vic.c.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => (fac.c.provider.awareness.getStates().get(vic.c.doc.clientID) as { marker?: number } | undefined)?.marker === 1, 'the viewer’s marker');
    expect(listActions(fac.c.doc).map((a) => a.title)).toEqual(['Kept']);
    expect(listActions(await freshCopy(board, member)).map((a) => a.title)).toEqual(['Kept']);
  });

  it('refuses a key that is no action field', async () => {
    const { fac, ann, actions } = await workshop();
    const id = createAction(ann.c.doc, { canvas: actions, title: 'x', author: 'Ann' });
    await waitFor(() => listActions(fac.c.doc).length === 1, 'the action');
    (actionsMap(ann.c.doc).get(id) as Y.Map<unknown>).set('payload', 'x'.repeat(1000));
    await waitFor(() => ann.c.refused.length > 0, 'Refused message');
    expect(ann.c.refused).toEqual([{ error: 'forbidden_write', target: 'malformed' }]);
  });
});
