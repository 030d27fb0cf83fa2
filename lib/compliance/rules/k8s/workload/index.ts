import { Rule } from '../../../model';
import { K8S_WORKLOAD_DEFAULT_SERVICE_ACCOUNT } from './default-service-account';
import { K8S_WORKLOAD_IMAGE_DIGEST } from './image-digest';
import { K8S_WORKLOAD_IMAGE_TAG } from './image-tag';
import { K8S_WORKLOAD_PROBES } from './probes';
import { K8S_WORKLOAD_READ_ONLY_ROOT_FILESYSTEM } from './read-only-root-filesystem';
import { K8S_WORKLOAD_RESOURCES } from './resources';
import { K8S_WORKLOAD_SECRET_ENV } from './secret-env';
import { K8S_WORKLOAD_SERVICE_ACCOUNT_TOKEN } from './service-account-token';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  K8S_WORKLOAD_READ_ONLY_ROOT_FILESYSTEM,
  K8S_WORKLOAD_RESOURCES,
  K8S_WORKLOAD_IMAGE_TAG,
  K8S_WORKLOAD_IMAGE_DIGEST,
  K8S_WORKLOAD_SERVICE_ACCOUNT_TOKEN,
  K8S_WORKLOAD_DEFAULT_SERVICE_ACCOUNT,
  K8S_WORKLOAD_PROBES,
  K8S_WORKLOAD_SECRET_ENV,
];
