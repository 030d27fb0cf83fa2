// secure-constructs policy as code, for JavaScript and TypeScript: what custom rules and their tests need, and the
// config file loader. Load it as `require('secure-constructs/build/policy')`. (Not part of the jsii API: rule
// results are a union type and rules read raw CloudFormation and Kubernetes objects, which jsii cannot express;
// see docs/custom-rules.md.)
export { COMPLIANT, NOT_APPLICABLE, nonCompliant, fromFindings, cannotVerify } from './compliance/model';
export type { Rule, RuleContext, RuleResult, RuleFinding, Resource, Severity, Platform } from './compliance/model';
export { testRule } from './compliance/config/test-rule';
export type { RuleTestCases, RuleTestResult } from './compliance/config/test-rule';
export { customRuleProblems } from './compliance/config/custom-rules';
export { loadPolicy, resolvePolicy, CONFIG_FILE_NAME, ConfigError } from './compliance/config/policy';
export type { Policy } from './compliance/config/policy';
export { CONFIG_SCHEMA } from './compliance/config/schema';
