export * from './defaults';
export * from './secure-repository';
