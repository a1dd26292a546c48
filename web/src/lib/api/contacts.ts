import type { CreateContactBody, CreateReferralBody, Stage, UpdateContactBody } from '@rapport/shared';
import { request, type Query } from './client';

export interface ContactListParams {
  stage?: Stage;
  q?: string;
  tag?: string;
  ownerId?: string;
  source?: string;
  dueForTouch?: boolean;
  archived?: boolean;
  sort?: 'name' | 'recent' | 'attention';
  limit?: number;
  cursor?: string | null;
}

export const contactsApi = {
  list: (params: ContactListParams, signal?: AbortSignal) =>
    request('GET', '/contacts', { query: params as Query, schema: 'ContactPage', signal }),
  get: (id: string) => request('GET', `/contacts/${id}`, { schema: 'Contact' }),
  create: (body: CreateContactBody) => request('POST', '/contacts', { body, schema: 'Contact' }),
  /** With the version the edit was based on: a stale one → 412 and nothing changes. */
  update: (id: string, body: UpdateContactBody, version?: number) =>
    request('PATCH', `/contacts/${id}`, {
      body,
      schema: 'Contact',
      headers: version === undefined ? undefined : { 'if-match': `"${version}"` },
    }),
  archive: (id: string) => request('DELETE', `/contacts/${id}`),
  restore: (id: string) => request('POST', `/contacts/${id}/restore`, { schema: 'Contact' }),
  moveStage: (id: string, stage: Stage, note?: string) =>
    request('POST', `/contacts/${id}/stage`, { body: note ? { stage, note } : { stage }, schema: 'Contact' }),
  merge: (id: string, duplicateId: string) =>
    request('POST', `/contacts/${id}/merge`, { body: { duplicateId }, schema: 'Contact' }),
  timeline: (id: string, cursor?: string | null, limit = 30) =>
    request('GET', `/contacts/${id}/timeline`, { query: { cursor, limit }, schema: 'TimelinePage' }),
  referrals: (id: string) => request('GET', `/contacts/${id}/referrals`, { schema: 'ContactReferrals' }),
};

export interface PipelineParams {
  ownerId?: string;
  tag?: string;
  q?: string;
  limit?: number;
}

export const pipelineApi = {
  get: (params: PipelineParams, signal?: AbortSignal) =>
    request('GET', '/pipeline', { query: params as Query, schema: 'Pipeline', signal }),
};

export const referralsApi = {
  create: (body: CreateReferralBody) => request('POST', '/referrals', { body, schema: 'CreatedReferral' }),
  list: (query: { referrerId?: string; referredId?: string; cursor?: string | null; limit?: number }) =>
    request('GET', '/referrals', { query, schema: 'ReferralPage' }),
  remove: (id: string) => request('DELETE', `/referrals/${id}`),
};

export const reportsApi = {
  referrals: (query: { from?: string; to?: string; limit?: number } = {}) =>
    request('GET', '/reports/referrals', { query, schema: 'ReferralsReport' }),
};
