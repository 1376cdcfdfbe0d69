export * from './orgs.ts';
export * from './groups.ts';
export * from './contacts.ts';
export * from './polls.ts';
export * from './messages.ts';
export * from './chat.ts';
export * from './operations.ts';
export * from './figures.ts';
