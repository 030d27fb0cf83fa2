export * from './types';
export * from './defaults';
export * from './cis-patterns';
export * from './audit-baseline';
