// On first contact with a real environment, the likeliest failure is an assumption of the spec being wrong,
// and then most results fail for that one reason. Each failure may match one pattern; when at least 2 failures
// and at least 80 % of all failures match the same one, the run names the assumption (quoted from the spec) and
// what to check (interface.md, "Diagnosis of wrong assumptions"). The results stay failures.
import { assumption } from '../catalog/index.ts';
import type { Diagnosis, DiagnosisPattern, Observed, ScenarioResult } from '../results/model.ts';

export const DIAGNOSIS_MIN_FAILURES = 2;
export const DIAGNOSIS_MIN_SHARE = 0.8;

const ADVICE: Readonly<Record<DiagnosisPattern, string>> = {
  'method-and-paths': 'Check LEAN_BASE_URL (the operation paths /sendOtp and /sendOtpDisposable are appended to it) ' +
    'and the method and paths this environment really serves, then correct the spec\'s paths.',
  'error-body': 'Look at one failing answer\'s body (the reproducer\'s curl shows it) and correct the error schema of the spec ' +
    'if the environment documents another shape.',
  authentication: 'Check LEAN_USERNAME and LEAN_PASSWORD, the client certificate, and whether a gateway in front of the ' +
    'environment authenticates on its own.',
};

/** The pattern one failure's answer matches, if any. */
export function patternOf(observed: Observed | null): DiagnosisPattern | null {
  if (observed === null || observed.status === null) return null;
  if (observed.status === 404 || observed.status === 405) return 'method-and-paths';
  if (observed.status === 401 || observed.status === 403) return 'authentication';
  // A 500 whose body is not JSON, or has no numeric code, leaves `code` null (src/checks/describe.ts).
  if (observed.status === 500 && observed.code === null) return 'error-body';
  return null;
}

export function diagnose(results: readonly ScenarioResult[]): Diagnosis | null {
  const failed = results.filter((r) => r.verdict === 'fail');
  const counts = new Map<DiagnosisPattern, number>();
  for (const r of failed) {
    const pattern = patternOf(r.observed);
    if (pattern) counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
  }
  for (const [pattern, count] of counts) {
    if (count >= DIAGNOSIS_MIN_FAILURES && count >= DIAGNOSIS_MIN_SHARE * failed.length) {
      return { pattern, assumption: assumption(pattern), advice: ADVICE[pattern] };
    }
  }
  return null;
}
