import { addDays } from 'date-fns';
import type { CadenceDays, Stage } from './enums';

/** The cadence that applies: the contact's own, else the workspace default for its stage. */
export function effectiveCadence(keepInTouchDays: number | null, stage: Stage, defaults: CadenceDays): number | null {
  return keepInTouchDays ?? defaults[stage];
}

/** `nextTouchAt = (lastTouchAt ?? createdAt) + cadence` days, or null without a cadence (API.md). */
export function nextTouchAt(input: { lastTouchAt: Date | null; createdAt: Date; cadenceDays: number | null }): Date | null {
  if (input.cadenceDays === null) return null;
  return addDays(input.lastTouchAt ?? input.createdAt, input.cadenceDays);
}
