/**
 * The framework control catalogue. A rule's `controls` entries are `PREFIX:control`;
 * a framework is the set of prefixes whose controls evidence it.
 */
export interface Framework {
  /** Name used on the command line (`--framework`). */
  readonly id: string;
  readonly title: string;
  /** Control prefixes (before the `:`) that belong to this framework. */
  readonly prefixes: readonly string[];
}

export const FRAMEWORKS: readonly Framework[] = [
  { id: 'NIST-800-53-R5', title: 'NIST SP 800-53 Rev. 5', prefixes: ['NIST-800-53-R5'] },
  { id: 'PCI-DSS-3.2.1', title: 'PCI DSS 3.2.1', prefixes: ['PCI-DSS-3.2.1'] },
  { id: 'HIPAA', title: 'HIPAA Security Rule', prefixes: ['HIPAA'] },
  { id: 'CIS-AWS', title: 'CIS AWS Foundations Benchmark', prefixes: ['CIS-AWS'] },
  { id: 'AWS-CT', title: 'AWS Control Tower proactive controls', prefixes: ['AWS-CT'] },
  { id: 'PSS-baseline', title: 'Kubernetes Pod Security Standards: baseline', prefixes: ['PSS-baseline'] },
  { id: 'PSS-restricted', title: 'Kubernetes Pod Security Standards: restricted (includes baseline)', prefixes: ['PSS-baseline', 'PSS-restricted'] },
  { id: 'CIS-K8S', title: 'CIS Kubernetes Benchmark', prefixes: ['CIS-K8S'] },
  { id: 'NSA-CISA', title: 'NSA/CISA Kubernetes Hardening Guide', prefixes: ['NSA-CISA'] },
];

/** The framework prefix of a control string (`NIST-800-53-R5:SC-28` -> `NIST-800-53-R5`). */
export function controlPrefix(control: string): string {
  const i = control.indexOf(':');
  return i < 0 ? control : control.slice(0, i);
}

export function findFramework(id: string): Framework | undefined {
  return FRAMEWORKS.find((f) => f.id.toLowerCase() === id.toLowerCase());
}

/** Whether any of the controls belongs to the framework. */
export function evidences(controls: readonly string[], framework: Framework): boolean {
  return controls.some((c) => framework.prefixes.includes(controlPrefix(c)));
}
