export * from './types';
export * from './defaults';
export * from './secure-vpc';
export * from './secure-security-group';
export * from './secure-network-acl';
