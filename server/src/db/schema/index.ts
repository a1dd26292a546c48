export * from './enums';
export * from './workspaces';
export * from './users';
export * from './contacts';
export * from './activity';
