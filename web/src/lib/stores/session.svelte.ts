import type { Me, Member } from '@rapport/shared';
import { followUpsApi, meApi, membersApi } from '$lib/api';

/** Who is signed in, the workspace's members (for owner names), and the overdue follow-up count shown in the nav. */
class Session {
  me = $state<Me | null>(null);
  members = $state<Member[]>([]);
  overdue = $state<number | null>(null);

  get user() {
    return this.me?.user ?? null;
  }
  get workspace() {
    return this.me?.workspace ?? null;
  }
  get isOwner() {
    return this.me?.user.role === 'owner';
  }

  /** Throws ApiError (401 when not signed in). */
  async load() {
    const [me, members] = await Promise.all([meApi.get(), membersApi.list()]);
    this.me = me;
    this.members = members.items;
    void this.refreshOverdue();
  }

  async reloadMembers() {
    this.members = (await membersApi.list()).items;
  }

  memberName(id: string | null | undefined): string | null {
    if (!id) return null;
    return this.members.find((m) => m.id === id)?.name ?? null;
  }

  /** The badge beside "Follow-ups": failures keep the last figure (it is a hint, not data). */
  async refreshOverdue() {
    try {
      const list = await followUpsApi.list('overdue', 'me');
      this.overdue = list.items.length;
    } catch {
      // keep what we had
    }
  }

  clear() {
    this.me = null;
    this.members = [];
    this.overdue = null;
  }
}

export const session = new Session();
