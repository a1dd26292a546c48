import { pgEnum } from 'drizzle-orm/pg-core';
import { STAGES, SOURCES, CHANNELS, DIRECTIONS, SENTIMENTS, ROLES } from '@rapport/shared/domain/enums';

// Declaration order is funnel order, so `stage >= 'customer'` compares by funnel position in SQL.
export const stageEnum = pgEnum('stage', STAGES);
export const sourceEnum = pgEnum('contact_source', SOURCES);
export const channelEnum = pgEnum('channel', CHANNELS);
export const directionEnum = pgEnum('direction', DIRECTIONS);
export const sentimentEnum = pgEnum('sentiment', SENTIMENTS);
export const roleEnum = pgEnum('member_role', ROLES);
