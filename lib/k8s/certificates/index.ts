export * from './workload-certificate';
