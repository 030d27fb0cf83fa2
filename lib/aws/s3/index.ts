export * from './defaults';
export * from './secure-bucket';
