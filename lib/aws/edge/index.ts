export * from './types';
export * from './defaults';
export * from './secure-web-acl';
export * from './mtls-https-service';
export * from './secure-rest-api';
