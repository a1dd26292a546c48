import type { Me, Member, User, Workspace } from '@rapport/shared';
import type { UserRow, WorkspaceRow } from './auth.repo';
import { iso } from '../../lib/serialize';

export function toUser(u: UserRow): User {
  return { id: u.id, email: u.email, name: u.name, timezone: u.timezone, role: u.role };
}
export function toWorkspace(w: WorkspaceRow): Workspace {
  return { id: w.id, name: w.name, currency: w.currency, cadenceDays: w.cadenceDays };
}
export function toMe(r: { user: UserRow; workspace: WorkspaceRow }): Me {
  return { user: toUser(r.user), workspace: toWorkspace(r.workspace) };
}
export function toMember(u: UserRow): Member {
  return { id: u.id, email: u.email, name: u.name, role: u.role, timezone: u.timezone, createdAt: iso(u.createdAt) };
}
