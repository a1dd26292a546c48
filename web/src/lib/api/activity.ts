import type { CreateReminderBody, CreateTouchpointBody, FollowUpWindow, UpdateReminderBody } from '@rapport/shared';
import { request } from './client';

export const touchpointsApi = {
  create: (contactId: string, body: CreateTouchpointBody) =>
    request('POST', `/contacts/${contactId}/touchpoints`, { body, schema: 'CreatedTouchpoint' }),
  remove: (id: string) => request('DELETE', `/touchpoints/${id}`),
};

export const remindersApi = {
  list: (query: { contactId?: string; assigneeId?: string; status?: 'open' | 'done'; limit?: number; cursor?: string | null }) =>
    request('GET', '/reminders', { query, schema: 'ReminderPage' }),
  create: (body: CreateReminderBody) => request('POST', '/reminders', { body, schema: 'Reminder' }),
  update: (id: string, body: UpdateReminderBody) => request('PATCH', `/reminders/${id}`, { body, schema: 'Reminder' }),
  remove: (id: string) => request('DELETE', `/reminders/${id}`),
};

export const followUpsApi = {
  list: (window: FollowUpWindow, assigneeId: 'me' | 'any' | string = 'me', signal?: AbortSignal) =>
    request('GET', '/follow-ups', { query: { window, assigneeId, limit: 200 }, schema: 'FollowUpList', signal }),
};
