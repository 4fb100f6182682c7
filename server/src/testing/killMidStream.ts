// Test support: kill a server in the middle of a stream of edits and say what a client had received.
import { createNote, listNotes } from '../../../shared/src/board/notes.ts';
import type { TestClient } from './testClient.ts';
import { waitFor } from './testServer.ts';

/**
 * `writer` adds notes (five every 5 ms) until `observer` has `atLeast`, then `kill` ends the
 * server; resolves with the ids of the notes `observer` had once it noticed the server was gone:
 * what the server promised to keep (it stores before it relays).
 */
export async function killMidStream(writer: TestClient, observer: TestClient, kill: () => Promise<unknown>, atLeast = 150): Promise<string[]> {
  let i = 0;
  const stream = setInterval(() => {
    for (let k = 0; k < 5; k++) createNote(writer.doc, { frame: 'swot.threats', x: i, y: 0, color: 'blue', author: 'A', text: `n${i++}` });
  }, 5);
  try {
    await waitFor(() => listNotes(observer.doc).length >= atLeast, 'the observer received a good part of the stream');
    await kill();
  } finally {
    clearInterval(stream);
  }
  // Everything the observer got arrived before the process died; close handling can trail a little.
  await waitFor(() => !observer.provider.wsconnected, 'the observer noticed the server is gone');
  return listNotes(observer.doc).map((n) => n.id);
}
