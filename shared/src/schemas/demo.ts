import { z } from 'zod';

/** `POST /api/v1/demo` → what the demo workspace was filled with. */
export const DemoLoadedSchema = z.object({
  contacts: z.number().int(),
  touchpoints: z.number().int(),
  referrals: z.number().int(),
  reminders: z.number().int(),
});
export type DemoLoaded = z.infer<typeof DemoLoadedSchema>;
