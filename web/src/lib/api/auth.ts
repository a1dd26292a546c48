import type { CreateMemberBody, LoginBody, SignupBody, UpdateMeBody, UpdateWorkspaceBody, Role } from '@rapport/shared';
import { request } from './client';

export const authApi = {
  signup: (body: SignupBody) => request('POST', '/auth/signup', { body, schema: 'Session' }),
  login: (body: LoginBody) => request('POST', '/auth/login', { body, schema: 'Session' }),
  logout: () => request('POST', '/auth/logout'),
};

export const meApi = {
  get: () => request('GET', '/me', { schema: 'Me' }),
  update: (body: UpdateMeBody) => request('PATCH', '/me', { body, schema: 'User' }),
  calendarToken: () => request('POST', '/me/calendar-token', { schema: 'CalendarToken' }),
};

export const membersApi = {
  list: () => request('GET', '/members', { schema: 'MemberList' }),
  create: (body: CreateMemberBody) => request('POST', '/members', { body, schema: 'Member' }),
  setRole: (id: string, role: Role) => request('PATCH', `/members/${id}`, { body: { role }, schema: 'Member' }),
  remove: (id: string) => request('DELETE', `/members/${id}`),
};

export const workspaceApi = {
  update: (body: UpdateWorkspaceBody) => request('PATCH', '/workspace', { body, schema: 'Workspace' }),
  loadDemo: () => request('POST', '/demo', { schema: 'DemoLoaded' }),
};
