// Schemas of the two stores, as ordered migrations: MIGRATIONS for SQLite (SqliteBoardStore),
// POSTGRES_MIGRATIONS for PostgreSQL (PostgresBoardStore). Never edit a shipped migration: append one
// (to both lists when the change is to what both store).
export const MIGRATIONS: readonly string[] = [
  // 1: boards, role tokens, sessions, snapshots and the append-only update log.
  `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    template TEXT NOT NULL,
    language TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE board_tokens (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    PRIMARY KEY (board_id, token_hash)
  ) STRICT;
  CREATE TABLE sessions (
    session_hash TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sessions_expires_at ON sessions(expires_at);
  CREATE TABLE board_snapshots (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    snapshot BLOB NOT NULL,
    seq INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE board_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    update_data BLOB NOT NULL
  ) STRICT;
  CREATE INDEX board_updates_board_seq ON board_updates(board_id, seq);
  `,
  // 2: a participant id per session (issue 7), assigned by the server and kept on renew. Sessions
  // made before get a random one here (18 hex characters match PARTICIPANT_ID_PATTERN).
  `
  ALTER TABLE sessions ADD COLUMN participant_id TEXT NOT NULL DEFAULT '';
  UPDATE sessions SET participant_id = lower(hex(randomblob(9)));
  `,
  // 3: links that can be shown, rotated, revoked, given an expiry and a password (issue 10), and the
  // link every session joined through. Sessions made before get the link of their role, if any.
  `
  ALTER TABLE board_tokens ADD COLUMN sealed_token TEXT;
  ALTER TABLE board_tokens ADD COLUMN expires_at INTEGER;
  ALTER TABLE board_tokens ADD COLUMN password_hash TEXT;
  CREATE UNIQUE INDEX board_tokens_board_role ON board_tokens(board_id, role);
  ALTER TABLE sessions ADD COLUMN link_hash TEXT NOT NULL DEFAULT '';
  UPDATE sessions SET link_hash = coalesce(
    (SELECT token_hash FROM board_tokens t WHERE t.board_id = sessions.board_id AND t.role = sessions.role), '');
  CREATE INDEX sessions_board_link ON sessions(board_id, link_hash);
  CREATE INDEX sessions_board_participant ON sessions(board_id, participant_id);
  `,
  // 4: facilitation (issue 10): each board's session state (agenda, timer, locks) as JSON, and the
  // board's document as it was at each phase change (restorable as a new board).
  `
  CREATE TABLE session_states (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE phase_snapshots (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    phase_id TEXT,
    phase_title TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    document BLOB NOT NULL
  ) STRICT;
  CREATE INDEX phase_snapshots_board ON phase_snapshots(board_id, created_at);
  `,
  // 5: private notes (issue 10, "Private brainstorm"): one document per participant per board, kept
  // apart from the board's log so no query for the board can ever return them. `doc_id` is
  // `<boardId>/<participantId>` (rooms/privateDocId.ts).
  `
  CREATE TABLE private_snapshots (
    doc_id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    snapshot BLOB NOT NULL,
    seq INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE private_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    update_data BLOB NOT NULL
  ) STRICT;
  CREATE INDEX private_updates_doc_seq ON private_updates(doc_id, seq);
  CREATE INDEX private_updates_board ON private_updates(board_id);
  CREATE INDEX private_snapshots_board ON private_snapshots(board_id);
  `,
  // 6: a version per session state for compare-and-set (issue 12: two instances changing one
  // board's facilitation at the same moment). Rows stored before are version 1.
  `
  ALTER TABLE session_states ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  `,
];

// PostgreSQL (issue 12). Version 1 is the SQLite schema as of its version 3, 2 its 4, 3 its 5, 4 its 6, with two differences
// that let several server instances write one database (docs/data-model.md, "PostgreSQL"):
// - sequence numbers are per board, taken from `boards.last_seq` under that row's lock in the
//   statement that inserts the update: a board's numbers have no gaps and commit in order, so "every
//   update up to N" is a well-defined thing for an instance to have folded in, catch up to or compact;
// - `board_updates` is keyed by (board_id, seq) instead of one global rowid.
export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: boards, links, sessions, snapshots and the append-only update log.
  `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    template TEXT NOT NULL,
    language TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seq BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE board_tokens (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    sealed_token TEXT,
    expires_at BIGINT,
    password_hash TEXT,
    PRIMARY KEY (board_id, token_hash),
    UNIQUE (board_id, role)
  );
  CREATE TABLE sessions (
    session_hash TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    link_hash TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX sessions_expires_at ON sessions(expires_at);
  CREATE INDEX sessions_board_link ON sessions(board_id, link_hash);
  CREATE INDEX sessions_board_participant ON sessions(board_id, participant_id);
  CREATE TABLE board_snapshots (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    snapshot BYTEA NOT NULL,
    seq BIGINT NOT NULL
  );
  CREATE TABLE board_updates (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    update_data BYTEA NOT NULL,
    PRIMARY KEY (board_id, seq)
  );
  `,
  // 2 (SQLite's 4): facilitation (issue 10): each board's session state (agenda, timer, locks)
  // as JSON, and the board's document as it was at each phase change (restorable as a new board).
  // `position` orders snapshots made in the same millisecond, as SQLite's rowid does.
  `
  CREATE TABLE session_states (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    state JSONB NOT NULL,
    updated_at BIGINT NOT NULL
  );
  CREATE TABLE phase_snapshots (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    phase_id TEXT,
    phase_title TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    document BYTEA NOT NULL,
    position BIGINT GENERATED ALWAYS AS IDENTITY
  );
  CREATE INDEX phase_snapshots_board ON phase_snapshots(board_id, created_at, position);
  `,
  // 3 (SQLite's 5): private notes (issue 10, "Private brainstorm"): one document per participant per
  // board, kept apart from the board's log. Numbered per document like the boards' updates, from
  // `private_heads.last_seq` under that row's lock (the row is made by the document's first update).
  `
  CREATE TABLE private_heads (
    doc_id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    last_seq BIGINT NOT NULL
  );
  CREATE TABLE private_snapshots (
    doc_id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    snapshot BYTEA NOT NULL,
    seq BIGINT NOT NULL
  );
  CREATE TABLE private_updates (
    doc_id TEXT NOT NULL,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    update_data BYTEA NOT NULL,
    PRIMARY KEY (doc_id, seq)
  );
  CREATE INDEX private_heads_board ON private_heads(board_id);
  CREATE INDEX private_snapshots_board ON private_snapshots(board_id);
  CREATE INDEX private_updates_board ON private_updates(board_id);
  `,
  // 4 (SQLite's 6): a version per session state for compare-and-set. Rows stored before are version 1.
  `
  ALTER TABLE session_states ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
  `,
];
