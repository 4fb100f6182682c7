// The id of a participant's private document (issue 10): `<boardId>/<participantId>`. Neither id
// can hold a `/` (BOARD_ID_PATTERN, PARTICIPANT_ID_PATTERN), so the pair reads back unambiguously.
export function privateDocId(boardId: string, participantId: string): string {
  return `${boardId}/${participantId}`;
}

export function participantOfPrivateDoc(docId: string): string {
  return docId.slice(docId.indexOf('/') + 1);
}
