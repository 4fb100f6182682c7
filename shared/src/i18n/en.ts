// English strings. Every user-facing string lives here and in nl.ts (same keys; TypeScript checks).
export const en = {
  'app.name': 'Strategy board',
  'template.swot.title': 'SWOT analysis',
  'swot.strengths': 'Strengths',
  'swot.weaknesses': 'Weaknesses',
  'swot.opportunities': 'Opportunities',
  'swot.threats': 'Threats',
  'swot.internal': 'Internal',
  'swot.external': 'External',
  'error.bad_request': 'The request was not understood: {detail}',
  'error.unauthorized': 'This link or session is not valid (any more). Ask the facilitator for a new link.',
  'error.not_found': 'This board does not exist. Check the link.',
  'error.too_large': 'That change is too large to send.',
  'error.rate_limited': 'Too many changes at once. Wait a moment and reload.',
  'error.board_full': 'This board is full: it accepts no more content. Remove notes or start a new board.',
  'error.internal': 'Something went wrong on the server. Try again.',
} as const;
