export * from './defaults';
export * from './signed-image-policy';
