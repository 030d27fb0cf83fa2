import { IConstruct } from 'constructs';

const VALIDATION_ERROR_SYMBOL = Symbol.for('secure-constructs.ValidationError');

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
    // marks instances so `Errors.isValidationError` also recognizes errors thrown by another copy of this library
    Object.defineProperty(this, VALIDATION_ERROR_SYMBOL, { value: true });
    Object.setPrototypeOf(this, ValidationError.prototype);
  }
}

/**
 * Recognizes the errors this library throws, in every jsii language.
 *
 * `ValidationError` extends the JavaScript `Error`, which jsii cannot export, so the type test lives here (as
 * aws-cdk-lib's `Errors.isValidationError` does). In TypeScript, the error's `constructPath` and `problems` are
 * typed by `ValidationErrorDetails`.
 */
export class Errors {
  /**
   * Whether `x` is the error a construct of this library throws for invalid props (also when it was thrown by
   * another copy of the library loaded in the same process).
   */
  public static isValidationError(x: any): boolean {
    return x !== null && typeof x === 'object' && x[VALIDATION_ERROR_SYMBOL] === true;
  }

  /**
   * The construct path and the problems of a ValidationError, or `undefined` if `x` is not one.
   */
  public static validationErrorDetails(x: any): ValidationErrorDetails | undefined {
    if (!Errors.isValidationError(x)) return undefined;
    return { constructPath: x.constructPath, problems: [...x.problems], message: x.message };
  }

  private constructor() {}
}

/** What a ValidationError says: the construct path and every problem (see `Errors.validationErrorDetails`). */
export interface ValidationErrorDetails {
  /** The path of the construct whose props are invalid. */
  readonly constructPath: string;
  /** Every problem found. */
  readonly problems: PropertyProblem[];
  /** The full message (what the error prints). */
  readonly message: string;
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

  /**
   * The one check of a "weakened default needs a reason" pair: when `weakened`, `reasonProperty` must hold a valid
   * reason (`because` says why it is needed, `fix` what to do); when not, a reason is an error (it would be recorded
   * for nothing), and `onlyWith` names the setting it belongs to.
   */
  public reasonFor(weakened: boolean, reasonProperty: string, reason: string | undefined, because: string, fix: string, onlyWith: string): void {
    if (weakened) {
      this.require(isValidReason(reason), reasonProperty, `is required (at least ${MIN_REASON_LENGTH} characters) because ${because}`, fix);
    } else if (reason !== undefined) {
      this.fail(reasonProperty, `is only meaningful with ${onlyWith}.`, `Remove ${reasonProperty}.`);
    }
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
