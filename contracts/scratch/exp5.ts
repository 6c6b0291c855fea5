import { SwaggerMockValidatorFactory } from '@pactflow/swagger-mock-validator';
const v = SwaggerMockValidatorFactory.create();
const r = await v.validate({ specPathOrUrl: 'spec/lean-send-otp.openapi.yaml', mockPathOrUrl: process.argv[2] ?? 'contracts/pacts/lean-otp-client-lean-disposable.json' });
console.log(r.success, r.failureReason);
const count = (xs: any[]) => { const m: Record<string, number> = {}; for (const x of xs) { const k = x.code + ' | ' + x.message; m[k] = (m[k] ?? 0) + 1; } return m; };
console.log('errors', count(r.errors)); console.log('warnings', count(r.warnings));
