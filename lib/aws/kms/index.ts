export * from './defaults';
export * from './key-service';
export * from './encryption-key';
