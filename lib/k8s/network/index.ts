export * from './allow-workload-traffic';
export * from './allow-namespace-ingress';
export * from './allow-cidr-egress';
