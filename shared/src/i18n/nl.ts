import type { Messages } from './index.ts';

export const nl: Messages = {
  'app.name': 'Strategiebord',
  'template.swot.title': 'SWOT-analyse',
  'swot.strengths': 'Sterkten',
  'swot.weaknesses': 'Zwakten',
  'swot.opportunities': 'Kansen',
  'swot.threats': 'Bedreigingen',
  'swot.internal': 'Intern',
  'swot.external': 'Extern',
  'error.bad_request': 'Het verzoek werd niet begrepen: {detail}',
  'error.unauthorized': 'Deze link of sessie is niet (meer) geldig. Vraag de facilitator om een nieuwe link.',
  'error.not_found': 'Dit bord bestaat niet. Controleer de link.',
  'error.too_large': 'Die wijziging is te groot om te versturen.',
  'error.rate_limited': 'Te veel wijzigingen tegelijk. Wacht even en laad de pagina opnieuw.',
  'error.board_full': 'Dit bord is vol: er kan niets meer bij. Verwijder notities of begin een nieuw bord.',
  'error.internal': 'Er ging iets mis op de server. Probeer het opnieuw.',
};
