export * from './defaults';
export * from './secure-cluster';
