import { K8S_PSS_ALLOW_PRIVILEGE_ESCALATION } from './allow-privilege-escalation';
import { K8S_PSS_APPARMOR } from './apparmor';
import { K8S_PSS_CAPABILITIES_BASELINE } from './capabilities-baseline';
import { K8S_PSS_CAPABILITIES_RESTRICTED } from './capabilities-restricted';
import { K8S_PSS_HOST_NAMESPACES } from './host-namespaces';
import { K8S_PSS_HOST_PATH_VOLUMES } from './host-path-volumes';
import { K8S_PSS_HOST_PORTS } from './host-ports';
import { K8S_PSS_PRIVILEGED } from './privileged';
import { K8S_PSS_PROC_MOUNT } from './proc-mount';
import { K8S_PSS_RUN_AS_NON_ROOT } from './run-as-non-root';
import { K8S_PSS_RUN_AS_USER } from './run-as-user';
import { K8S_PSS_SECCOMP_BASELINE } from './seccomp-baseline';
import { K8S_PSS_SECCOMP_RESTRICTED } from './seccomp-restricted';
import { K8S_PSS_SELINUX } from './selinux';
import { K8S_PSS_SYSCTLS } from './sysctls';
import { K8S_PSS_VOLUME_TYPES } from './volume-types';
import { K8S_PSS_WINDOWS_HOST_PROCESS } from './windows-host-process';
import { Rule } from '../../../model';

/**
 * Pod Security Standards, policy version v1.28: one rule per control.
 * Baseline rules carry a `PSS-baseline:` control, restricted-only rules a `PSS-restricted:` control.
 */
export const BASELINE_RULES: Rule[] = [
  K8S_PSS_HOST_NAMESPACES,
  K8S_PSS_PRIVILEGED,
  K8S_PSS_CAPABILITIES_BASELINE,
  K8S_PSS_HOST_PATH_VOLUMES,
  K8S_PSS_HOST_PORTS,
  K8S_PSS_APPARMOR,
  K8S_PSS_SELINUX,
  K8S_PSS_PROC_MOUNT,
  K8S_PSS_SECCOMP_BASELINE,
  K8S_PSS_SYSCTLS,
  K8S_PSS_WINDOWS_HOST_PROCESS,
];

export const RESTRICTED_RULES: Rule[] = [
  K8S_PSS_VOLUME_TYPES,
  K8S_PSS_ALLOW_PRIVILEGE_ESCALATION,
  K8S_PSS_RUN_AS_NON_ROOT,
  K8S_PSS_RUN_AS_USER,
  K8S_PSS_SECCOMP_RESTRICTED,
  K8S_PSS_CAPABILITIES_RESTRICTED,
];

/** Rules of this area. Add each new rule file here. */
export const RULES: Rule[] = [...BASELINE_RULES, ...RESTRICTED_RULES];
