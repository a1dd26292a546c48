import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MIMEType } from 'node:util';
import { ExportQuery, ImportQuery, ImportReportSchema } from '@rapport/shared';
import { AppError } from '../../errors';
import { createExportService } from './export.service';
import { createImportService } from './import.service';

/** Imports may be much larger than the API's 1 MB JSON bodies. */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;
const IMPORT_TYPES = ['text/csv', 'application/csv', 'text/vcard', 'text/x-vcard', 'text/directory'];

class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly title = 'Unsupported Media Type';
}

/** Decodes the body by its `charset` parameter (UTF-8 by default; a UTF-8 BOM is dropped). */
function decodeBody(request: FastifyRequest, body: Buffer): string {
  let charset = 'utf-8';
  try {
    charset = new MIMEType(request.headers['content-type'] ?? '').params.get('charset') ?? 'utf-8';
  } catch {
    // fastify already matched the media type; a malformed parameter list falls back to UTF-8
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    throw new UnsupportedMediaTypeError(`Unsupported charset "${charset.slice(0, 40)}"; send UTF-8.`);
  }
  return decoder.decode(body);
}

function attachment(reply: FastifyReply, type: string, extension: string): FastifyReply {
  const day = new Date().toISOString().slice(0, 10);
  return reply
    .type(type)
    .header('Content-Disposition', `attachment; filename="rapport-contacts-${day}.${extension}"`)
    .header('Cache-Control', 'no-store');
}

const importExportRoutes: FastifyPluginAsyncZod = async (app) => {
  // Scoped to this plugin: elsewhere the API takes JSON only (and 1 MB at most).
  app.addContentTypeParser(IMPORT_TYPES, { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (request, body, done) => {
    try {
      done(null, decodeBody(request, body as Buffer));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  const importer = createImportService(app.db);
  const exporter = createExportService(app.db, app.log);

  // No route-level bodyLimit: it would override every parser's, and JSON stays at 1 MB here too.
  app.post('/import/contacts', {
    schema: {
      tags: ['import-export'],
      summary: 'Import contacts from CSV (generic, LinkedIn, Google) or vCard 3.0/4.0',
      description:
        'Send the file as the body with Content-Type text/csv or text/vcard (≤ 10 MB). Existing contacts are matched by email and updated; each data row is counted once in created, updated or skipped, and rows with errors are listed with their 1-based row number. With preview=N (0–50, default 0) the report also gives the format the file was read as (generic, linkedin, google, vcard), its number of data rows, and the first N rows without errors as they will be written (create or update, with the contact after the row applied).',
      consumes: IMPORT_TYPES,
      querystring: ImportQuery,
      response: { 200: ImportReportSchema },
    },
  }, async (request) => {
    if (typeof request.body !== 'string') {
      throw new UnsupportedMediaTypeError('Send the file as text/csv or text/vcard.');
    }
    return importer.importContacts(request.member, request.body, request.query);
  });

  app.get('/export/contacts.csv', {
    preHandler: app.requireOwner,
    schema: {
      tags: ['import-export'],
      summary: 'Export contacts as CSV (owner)',
      description: 'Streams every contact (archived ones too with archived=true): the generic import columns, then id, handles (JSON), createdAt.',
      produces: ['text/csv'],
      querystring: ExportQuery,
    },
  }, async (request, reply) => {
    const body = await exporter.csv(request.member.workspaceId, request.query.archived ?? false);
    return attachment(reply, 'text/csv; charset=utf-8', 'csv').send(body);
  });

  app.get('/export/contacts.vcf', {
    preHandler: app.requireOwner,
    schema: {
      tags: ['import-export'],
      summary: 'Export contacts as vCard 4.0 (owner)',
      description: 'Streams every contact (archived ones too with archived=true) as vCard 4.0, with X-RAPPORT-STAGE, -SOURCE and -VALUE.',
      produces: ['text/vcard'],
      querystring: ExportQuery,
    },
  }, async (request, reply) => {
    const body = await exporter.vcf(request.member.workspaceId, request.query.archived ?? false);
    return attachment(reply, 'text/vcard; charset=utf-8', 'vcf').send(body);
  });
};
export default importExportRoutes;
