export interface Toast {
  id: number;
  kind: 'error' | 'success' | 'info';
  message: string;
}

/** Short-lived messages in one polite live region (see components/ui/toaster.svelte). */
class Toasts {
  items = $state<Toast[]>([]);
  #next = 1;

  show(kind: Toast['kind'], message: string, ms = kind === 'error' ? 7000 : 4000) {
    const id = this.#next++;
    this.items = [...this.items.slice(-3), { id, kind, message }];
    setTimeout(() => this.dismiss(id), ms);
    return id;
  }
  error(message: string) {
    return this.show('error', message);
  }
  success(message: string) {
    return this.show('success', message);
  }
  info(message: string) {
    return this.show('info', message);
  }
  dismiss(id: number) {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
