// The action plan's due dates as a calendar (issue 11): one all-day event per action with a due
// date (dropped ones left out), made by the `ics` library, which folds lines and escapes commas,
// semicolons, backslashes and line breaks in the text (RFC 5545, 3.3.11).
// Only actions: a calendar has no quickscan part, so the quickscan's "change against the previous
// workshop" line of the other formats has no place here; a carried-over action says so in its source.
import { createEvents, type EventAttributes } from 'ics';
import type { ActionPlan } from '../../../shared/src/plan/actionPlan.ts';
import { actionSource, measureOf, smartLine, titleOf, tr } from '../../../shared/src/plan/planText.ts';
import { cleanText, oneLine } from './hostileText.ts';

export function renderIcs(plan: ActionPlan): string {
  const L = plan.language;
  const events: EventAttributes[] = plan.actions
    .filter((a) => a.due !== null && a.status !== 'dropped')
    .map((a) => {
      const [y, m, d] = a.due!.split('-').map(Number);
      const lines = [
        `${tr(L, 'actions.field.owner')}: ${a.ownerName || tr(L, 'plan.none')}`,
        `${tr(L, 'actions.field.kpi')}: ${measureOf(L, a)}`,
        `${tr(L, 'actions.field.source')}: ${actionSource(L, a)}`,
        smartLine(L, a),
        ...(a.description.trim() ? ['', cleanText(a.description)] : []),
      ];
      return {
        uid: `${a.id}@strategy-whiteboard`,
        start: [y, m, d],
        // An all-day event ends the next day (RFC 5545, 3.6.1); the library's `duration: { days: 1 }`
        // writes `P1DT`, which is not a valid duration.
        end: nextDay(y, m, d),
        title: oneLine(tr(L, 'plan.ics.summary', { title: titleOf(L, a) }), 300),
        description: lines.map((l) => cleanText(l)).join('\n'),
        status: a.status === 'done' ? 'CONFIRMED' : 'TENTATIVE',
        productId: 'strategy-whiteboard/action-plan',
        calName: oneLine(tr(L, 'plan.title', { board: plan.title }), 200),
        // Fixed, so the same board gives the same file (the events' "made at" is the plan's date).
        timestamp: plan.generatedAt,
      };
    });
  if (events.length === 0) return emptyCalendar(plan);
  const { error, value } = createEvents(events);
  if (error || !value) throw error ?? new Error('ics: no output');
  return foldOctets(value);
}

/** A calendar without events (the library returns none for an empty list): still a valid file. */
function emptyCalendar(plan: ActionPlan): string {
  const name = oneLine(tr(plan.language, 'plan.title', { board: plan.title }), 60).replace(/[\\;,]/g, (c) => `\\${c}`);
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'PRODID:strategy-whiteboard/action-plan', `X-WR-CALNAME:${name}`, 'END:VCALENDAR', ''].join('\r\n');
}

function nextDay(y: number, m: number, d: number): [number, number, number] {
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
}

/**
 * Folds content lines at 75 octets (RFC 5545, 3.1). The library folds at 75 characters, so a line of
 * accented or non-Latin text comes out too long for strict readers; this refolds by UTF-8 bytes,
 * never inside a character.
 */
function foldOctets(ics: string): string {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .map((line) => {
      const parts: string[] = [];
      let current = '';
      let bytes = 0;
      for (const ch of line) {
        const size = Buffer.byteLength(ch);
        if (bytes + size > (parts.length === 0 ? 75 : 74)) {
          parts.push(current);
          current = '';
          bytes = 0;
        }
        current += ch;
        bytes += size;
      }
      parts.push(current);
      return parts.join('\r\n ');
    })
    .join('\r\n');
}
