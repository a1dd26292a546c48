import type { CreateContactBody } from '@rapport/shared';
import type { Db } from '../../db/client';
import { ConflictError, ValidationError } from '../../errors';
import type { Member } from '../../plugins/auth';
import { createContactsRepo } from './contacts.repo';
import { refreshTouchDates } from './touch-dates.repo';

/**
 * Creates a contact inside the caller's transaction: owner check, duplicate-email check (409
 * naming the existing contact), the initial stage change `from: null`, and its touch dates.
 * Shared by POST /contacts, referrals that create the referred person, and import.
 */
export async function createContact(
  tx: Db,
  member: Pick<Member, 'id' | 'workspaceId'>,
  body: CreateContactBody,
  defaults: { source?: CreateContactBody['source']; createdAt?: Date } = {},
): Promise<string> {
  const repo = createContactsRepo(tx, member.workspaceId);
  const ownerId = body.ownerId ?? member.id;
  if (body.ownerId && !(await repo.isMember(body.ownerId))) {
    throw ValidationError.field('ownerId', 'Not a member of this workspace');
  }
  if (body.email) {
    const existing = await repo.findIdByEmail(body.email);
    if (existing) {
      throw new ConflictError('A contact with this email already exists.', { existingContactId: existing });
    }
  }
  const stage = body.stage ?? 'stranger';
  const createdAt = defaults.createdAt ?? new Date();
  const { id } = await repo.insert({
    name: body.name, email: body.email ?? null, phone: body.phone ?? null, company: body.company ?? null,
    title: body.title ?? null, handles: body.handles ?? {}, tags: body.tags ?? [], stage, ownerId,
    source: body.source ?? defaults.source ?? 'other', sourceDetail: body.sourceDetail ?? null,
    value: body.value ?? null, notes: body.notes ?? null, keepInTouchDays: body.keepInTouchDays ?? null,
    createdAt, updatedAt: createdAt, stageChangedAt: createdAt,
  });
  await repo.recordStageChange({ contactId: id, from: null, to: stage, byId: member.id, at: createdAt });
  await refreshTouchDates(tx, member.workspaceId, [id]);
  return id;
}
