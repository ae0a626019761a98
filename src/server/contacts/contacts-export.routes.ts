import { z } from 'zod';
import { ExportQuery } from '../../contracts/lists.ts';
import type { Clock } from '../clock.ts';
import { csvRow } from '../csv.ts';
import { defineRoute } from '../http/route.ts';
import { listRequest } from '../lists/list-request.ts';
import type { ListService } from '../lists/list.service.ts';

/** Contacts per page read from the list: its largest page. */
const PAGE_SIZE = 200;

const EXPORT_COLUMNS = [
  'id',
  'name',
  'email',
  'phone',
  'tags',
  'score',
  'tier',
  'lastInteractionAt',
] as const;

type Page = Awaited<ReturnType<ListService['list']>>;

function pageRows(page: Page): string {
  let text = '';
  for (const { contact, score } of page.items)
    text += csvRow([
      contact.id,
      contact.name,
      contact.email,
      contact.phone,
      contact.tags.join(';'),
      score?.score ?? null,
      score?.tier ?? null,
      contact.lastInteractionAt,
    ]);
  return text;
}

/**
 * GET /contacts/export.csv: the contacts list with the same filters and sort, every page, as CSV.
 * Registered before /contacts/{id} so the id route does not take the path.
 */
export function contactsExportRoutes(lists: ListService, clock: Clock) {
  return [
    defineRoute({
      method: 'get',
      path: '/contacts/export.csv',
      summary: 'Export the contacts list (same filters and sort) as CSV',
      tag: 'Contacts',
      auth: 'account',
      query: ExportQuery,
      responses: {
        200: {
          description: `CSV with the columns ${EXPORT_COLUMNS.join(', ')} (tags joined with ";"; score and tier empty without a published profile). Text cells starting with = + - @, a tab or a CR carry a leading "'" so spreadsheets do not run them as formulas.`,
          schema: z.string(),
          contentType: 'text/csv',
        },
      },
      handler: async (c, { principal, query }) => {
        const request = listRequest('contacts', { ...query, limit: PAGE_SIZE });
        // The first page is read before anything is sent: a bad filter is still a JSON error.
        let page: Page = await lists.list(principal, request);
        let first = true;
        const encoder = new TextEncoder();
        const body = new ReadableStream<Uint8Array>({
          // One page per pull: the client's reading paces the export. The cursors keep the snapshot
          // paging began at, so the file is one consistent list even while scores change. A failure
          // on a later page errors the stream, so the client sees a broken transfer, not a short file.
          async pull(controller) {
            if (first) {
              first = false;
              controller.enqueue(encoder.encode(csvRow(EXPORT_COLUMNS) + pageRows(page)));
            } else if (page.nextCursor !== null) {
              page = await lists.list(principal, { ...request, cursor: page.nextCursor });
              controller.enqueue(encoder.encode(pageRows(page)));
            }
            if (page.nextCursor === null) controller.close();
          },
        });
        const date = new Date(clock.now()).toISOString().slice(0, 10);
        return c.body(body, 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="contacts-${date}.csv"`,
          'Cache-Control': 'no-store',
        });
      },
    }),
  ];
}
