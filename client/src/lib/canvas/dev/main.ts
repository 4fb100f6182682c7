// Development harness, not shipped: two renderers on two Y.Docs and two awareness instances that
// are synced in-process, so presence, live drags and typing can be tried and screenshotted without
// the server. Open /src/lib/canvas/dev/index.html on the vite dev server; `?notes=2000` seeds notes.
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { createNote, NOTE_COLORS } from '$shared/board/index.ts';
import { initBoard } from '$shared/board/meta.ts';
import { swotTemplate } from '$shared/templates/index.ts';
import { BoardRenderer } from '../BoardRenderer.ts';

const params = new URLSearchParams(location.search);
const seed = Number(params.get('notes') ?? '12');
const locale = params.get('lang') === 'nl' ? 'nl' : 'en';

const docA = new Y.Doc();
const docB = new Y.Doc();
docA.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(docB, u, 'remote'));
docB.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(docA, u, 'remote'));
const awA = new Awareness(docA);
const awB = new Awareness(docB);
awA.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
  if (origin !== 'remote') applyAwarenessUpdate(awB, encodeAwarenessUpdate(awA, [...added, ...updated, ...removed]), 'remote');
});
awB.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
  if (origin !== 'remote') applyAwarenessUpdate(awA, encodeAwarenessUpdate(awB, [...added, ...updated, ...removed]), 'remote');
});
awA.setLocalStateField('user', { name: 'Ann', color: '#e53935', role: 'facilitator' });
awB.setLocalStateField('user', { name: 'Bob', color: '#3949ab', role: 'participant' });

const words = ['Strong brand', 'Loyal key accounts', 'Slow quoting process', 'New EU tender rules', 'Competitor price war', 'Skilled service team', 'Weak CRM data quality and no follow-up on leads after trade fairs', 'Growth in healthcare segment'];
docA.transact(() => {
  initBoard(docA, { title: 'Dev', template: 'swot', language: locale, createdAt: 0 });
  for (let i = 0; i < seed; i++) {
    const f = swotTemplate.frames[i % 4];
    const k = Math.floor(i / 4);
    const perRow = 5;
    const x = f.x + 16 + (k % perRow) * 176 + (seed > 100 ? (k % 7) * 3 : 0);
    const y = f.y + 72 + (Math.floor(k / perRow) % 4) * 136 + (seed > 100 ? Math.floor(k / 20) * 4 : 0);
    createNote(docA, { frame: f.id, x, y, color: NOTE_COLORS[i % NOTE_COLORS.length], author: 'Seed', text: words[i % words.length] });
  }
});

const originA = { user: 'Ann' };
const originB = { user: 'Bob' };
const a = new BoardRenderer({ container: document.getElementById('a') as HTMLDivElement, doc: docA, awareness: awA, canvasId: 'swot', template: swotTemplate, locale, readOnly: false, userName: 'Ann', origin: originA });
const b = new BoardRenderer({ container: document.getElementById('b') as HTMLDivElement, doc: docB, awareness: awB, canvasId: 'swot', template: swotTemplate, locale, readOnly: params.has('readonly'), userName: 'Bob', origin: originB });

Object.assign(window, { a, b, docA, docB, awA, awB, Y });
