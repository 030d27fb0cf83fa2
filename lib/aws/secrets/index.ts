export * from './defaults';
export * from './secret-rotation';
export * from './secrets-store';
