import { K8S_WORKLOAD_DEFAULT_NAMESPACE } from './default-namespace';
import { K8S_WORKLOAD_DEFAULT_SERVICE_ACCOUNT } from './default-service-account';
import { K8S_WORKLOAD_EPHEMERAL_STORAGE } from './ephemeral-storage';
import { K8S_WORKLOAD_FS_GROUP } from './fs-group';
import { K8S_WORKLOAD_IMAGE_DIGEST } from './image-digest';
import { K8S_WORKLOAD_IMAGE_PULL_POLICY } from './image-pull-policy';
import { K8S_WORKLOAD_IMAGE_REGISTRY } from './image-registry';
import { K8S_WORKLOAD_IMAGE_TAG } from './image-tag';
import { K8S_WORKLOAD_PROBES } from './probes';
import { K8S_WORKLOAD_READ_ONLY_ROOT_FILESYSTEM } from './read-only-root-filesystem';
import { K8S_WORKLOAD_RESOURCES } from './resources';
import { K8S_WORKLOAD_RUN_AS_GROUP } from './run-as-group';
import { K8S_WORKLOAD_SECRET_ENV } from './secret-env';
import { K8S_WORKLOAD_SERVICE_ACCOUNT_AUTOMOUNT } from './service-account-automount';
import { K8S_WORKLOAD_SERVICE_ACCOUNT_TOKEN } from './service-account-token';
import { K8S_WORKLOAD_SUPPLEMENTAL_GROUPS } from './supplemental-groups';
import { Rule } from '../../../model';

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [
  K8S_WORKLOAD_READ_ONLY_ROOT_FILESYSTEM,
  K8S_WORKLOAD_RESOURCES,
  K8S_WORKLOAD_EPHEMERAL_STORAGE,
  K8S_WORKLOAD_IMAGE_TAG,
  K8S_WORKLOAD_IMAGE_DIGEST,
  K8S_WORKLOAD_IMAGE_PULL_POLICY,
  K8S_WORKLOAD_IMAGE_REGISTRY,
  K8S_WORKLOAD_SERVICE_ACCOUNT_TOKEN,
  K8S_WORKLOAD_SERVICE_ACCOUNT_AUTOMOUNT,
  K8S_WORKLOAD_DEFAULT_SERVICE_ACCOUNT,
  K8S_WORKLOAD_PROBES,
  K8S_WORKLOAD_SECRET_ENV,
  K8S_WORKLOAD_RUN_AS_GROUP,
  K8S_WORKLOAD_FS_GROUP,
  K8S_WORKLOAD_SUPPLEMENTAL_GROUPS,
  K8S_WORKLOAD_DEFAULT_NAMESPACE,
];
