import type { FastifyReply } from 'fastify';

/** Sends a spreadsheet as a download, bypassing the route's JSON response schema. */
export const sendCsv = (reply: FastifyReply, fileName: string, csv: string) =>
  reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    // The response schema describes the JSON answer; the CSV goes out as it is.
    .serializer((body: string) => body)
    .send(csv as never);
