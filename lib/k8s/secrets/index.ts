export * from './secret-store';
export * from './external-secret';
export * from './sealed-secret';
export * from './plain-secret';
