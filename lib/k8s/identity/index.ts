export { IRSA_ROLE_ANNOTATION, WorkloadIdentityServiceAccount } from './workload-identity-binding';
export { SecretDelivery, SecretDeliveryProps } from './secret-delivery';
