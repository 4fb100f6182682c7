export * from './schema.ts';
export * from './notes.ts';
