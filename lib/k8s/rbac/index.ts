export * from './workload-role';
