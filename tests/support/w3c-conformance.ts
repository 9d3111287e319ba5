// The W3C Web Annotation test suite's assertions (w3c/web-annotation-tests), run as the WPT
// harness (annotation-model/scripts/JSONtest.js) runs them: each assertion file is a draft-04
// JSON schema with `assertionType` (must/should/may), `expectedResult` ('valid' or 'invalid',
// default 'valid') and `onUnexpectedResult` ('failAndContinue', 'failAndSkip', 'passAndContinue'):
// an annotation whose validity differs from the expected result fails the assertion unless
// `onUnexpectedResult` is a pass. Schemas `$ref` into definitions/*.json by their ids.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';

/** Where the suite is checked out (read-only, shared by the team). */
export const W3C_TESTS_DIR = '/work/shared/conformance/w3c-web-annotation-tests';

export interface AssertionFailure {
  /** The assertion file, e.g. `annotations/3.1-annotationIdValidated.json`. */
  readonly assertion: string;
  readonly title: string;
  readonly message: string;
  readonly errors: readonly ErrorObject[];
}

interface Assertion {
  readonly file: string;
  readonly title: string;
  readonly message: string;
  readonly expectValid: boolean;
  readonly failsWhenUnexpected: boolean;
  readonly validate: ValidateFunction;
}

export interface AssertionSuite {
  /** The assertion files listed by the `.test` file, in order. */
  readonly assertions: readonly string[];
  /** Every assertion the value fails; empty when it passes them all. */
  check(value: unknown): AssertionFailure[];
}

// RFC 3986 `URI` (an absolute reference, fragment allowed): a scheme, then no character a URI
// may not hold as it is; percent escapes well-formed.
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
// RFC 3339 `date-time`.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

type AjvClass = typeof AjvModule.default;
const Ajv: AjvClass = (AjvModule as unknown as { default?: AjvClass }).default ?? (AjvModule as unknown as AjvClass);

/** Loads the suite's definitions and the assertions listed by `testFile` (relative to the suite). */
export function loadAssertionSuite(testFile: string, root = W3C_TESTS_DIR): AssertionSuite {
  // The schemas are not written for strict mode (keywords such as `assertionType`, `required`
  // without `type`); formats are given explicitly so that none is silently ignored.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  ajv.addFormat('uri', (value: string) => URI.test(value));
  ajv.addFormat('date-time', (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
  const definitions = join(root, 'definitions');
  for (const file of readdirSync(definitions).filter((name) => name.endsWith('.json'))) {
    ajv.addSchema(readJson(join(definitions, file)) as object);
  }
  const list = readJson(join(root, testFile)) as { assertions?: unknown };
  if (!Array.isArray(list.assertions)) throw new Error(`${testFile} lists no assertions`);
  const assertions: Assertion[] = list.assertions.map((file: unknown) => {
    if (typeof file !== 'string')
      throw new Error(`${testFile}: an assertion that is not a file name (nested assertion lists are not supported)`);
    const schema = readJson(join(root, file)) as Record<string, unknown>;
    const expected = schema['expectedResult'] ?? 'valid';
    const onUnexpected = schema['onUnexpectedResult'] ?? 'failAndContinue';
    return {
      file,
      title: String(schema['title'] ?? file),
      message: String(schema['errorMessage'] ?? `${file} failed`),
      expectValid: expected === 'valid',
      failsWhenUnexpected: onUnexpected !== 'passAndContinue',
      validate: ajv.compile(schema),
    };
  });
  return {
    assertions: assertions.map((assertion) => assertion.file),
    check(value) {
      const failures: AssertionFailure[] = [];
      for (const assertion of assertions) {
        const valid = assertion.validate(value) === true;
        if (valid !== assertion.expectValid && assertion.failsWhenUnexpected) {
          failures.push({
            assertion: assertion.file,
            title: assertion.title,
            message: assertion.message,
            errors: assertion.validate.errors ?? [],
          });
        }
      }
      return failures;
    },
  };
}

/** Whether the suite is there; tests skip (and say why) when it is not. */
export function w3cTestsAvailable(root = W3C_TESTS_DIR): boolean {
  return existsSync(join(root, 'annotations', 'annotationMusts.test')) && existsSync(join(root, 'definitions'));
}

/** One line per failure: the assertion, its message and ajv's first errors. */
export function describeFailures(failures: readonly AssertionFailure[]): string {
  return failures
    .map((failure) => {
      const errors = failure.errors
        .slice(0, 5)
        .map((error) => `    ${error.instancePath || '/'} ${error.message ?? ''} (${error.schemaPath})`);
      return [`${failure.assertion}: ${failure.message}`, ...errors].join('\n');
    })
    .join('\n');
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
