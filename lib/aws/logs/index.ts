export * from './defaults';
export * from './secure-log-group';
