import { redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/api';
import { session } from '$lib/stores/session.svelte';

/** Every page of the app needs a signed-in member: load who that is once, or send them to log in. */
export async function load({ url }) {
  if (session.me) return {};
  try {
    await session.load();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      redirect(307, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
    }
    throw err;
  }
  return {};
}
