import { IConstruct } from 'constructs';

/**
 * One problem with one property of a construct.
 */
export interface PropertyProblem {
  /** The property (path) that is wrong, e.g. `statements[1].actions`. */
  readonly property: string;
  /** What is wrong with it. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * An error in the props of a construct, raised at synth (construction) time.
 *
 * The message always names the construct path, every offending property, what is wrong
 * and how to fix it. All problems of one construct are reported in one throw.
 */
export class ValidationError extends Error {
  /** The path of the construct whose props are invalid. */
  public readonly constructPath: string;
  /** Every problem found. */
  public readonly problems: PropertyProblem[];

  constructor(scope: IConstruct, problems: PropertyProblem[]) {
    const path = scope.node.path || '<root>';
    const lines = problems.map((p) => `  - ${p.property}: ${p.problem} Fix: ${p.fix}`);
    super(`Invalid props for ${path} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'ValidationError';
    this.constructPath = path;
    this.problems = problems;
    Object.setPrototypeOf(this, ValidationError.prototype);
  }
}

/**
 * Collects property problems of one construct and throws them all at once.
 *
 * ```ts
 * const v = new PropValidator(this);
 * v.require(props.days >= 7, 'pendingWindow', 'must be at least 7 days.', 'Use a value between 7 and 30.');
 * v.throwIfInvalid();
 * ```
 */
export class PropValidator {
  private readonly problems: PropertyProblem[] = [];
  constructor(private readonly scope: IConstruct) {}

  /** Records a problem unless `condition` holds. Returns `condition`. */
  public require(condition: boolean, property: string, problem: string, fix: string): boolean {
    if (!condition) this.problems.push({ property, problem, fix });
    return condition;
  }

  /** Records a problem unconditionally. */
  public fail(property: string, problem: string, fix: string): void {
    this.problems.push({ property, problem, fix });
  }

  /** Whether any problem was recorded. */
  public get hasProblems(): boolean {
    return this.problems.length > 0;
  }

  /** Throws one ValidationError with every recorded problem, if any. */
  public throwIfInvalid(): void {
    if (this.problems.length > 0) throw new ValidationError(this.scope, [...this.problems]);
  }
}

/** Minimum length of a justification ("reason") for weakening a default or suppressing a rule. */
export const MIN_REASON_LENGTH = 10;

/** Every Unicode whitespace and format character (U+200B zero-width space, U+FEFF, bidi marks...). */
const INVISIBLE = /[\p{White_Space}\p{Cf}]/gu;

/** The number of characters of a reason that count: all Unicode whitespace and format characters removed. */
export function reasonLength(reason: string): number {
  return [...reason.replace(INVISIBLE, '')].length;
}

/**
 * Whether a reason is long enough to count as a justification: at least {@link MIN_REASON_LENGTH} characters once
 * every Unicode whitespace and format character (such as U+200B) is removed. One rule for every channel
 * (`Suppressions.of`, annotations, template metadata, cdk-nag metadata, CDK acknowledgements, the config file).
 */
export function isValidReason(reason: unknown): reason is string {
  return typeof reason === 'string' && reasonLength(reason) >= MIN_REASON_LENGTH;
}
