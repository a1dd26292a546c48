export * from './domain/enums';
export * from './domain/timezone';
export * from './schemas/common';
export * from './schemas/auth';
export * from './schemas/contacts';
export * from './schemas/activity';
export * from './domain/health';
export * from './domain/touch-dates';
