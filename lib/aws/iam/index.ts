export * from './defaults';
export * from './role-trust';
export * from './least-privilege-role';
