// Types for the part of @pactflow/swagger-mock-validator's programmatic API the guards use; the package ships
// none. Shapes read from its dist/ (SwaggerMockValidatorFactory.create().validate) at 14.5.0.
declare module '@pactflow/swagger-mock-validator' {
  export interface ValidationMessage {
    code: string;
    message: string;
    source: string;
    mockDetails?: { interactionDescription?: string; interactionState?: string; location?: string };
    specDetails?: { location?: string; pathMethod?: string; pathName?: string };
  }

  export interface ValidationOutcome {
    success: boolean;
    failureReason?: string;
    errors: ValidationMessage[];
    warnings: ValidationMessage[];
  }

  export interface ValidateOptions {
    specPathOrUrl: string;
    mockPathOrUrl: string;
    providerName?: string;
    additionalPropertiesInResponse?: string;
    requiredPropertiesInResponse?: string;
  }

  export interface SwaggerMockValidator {
    validate(options: ValidateOptions): Promise<ValidationOutcome>;
  }

  export const SwaggerMockValidatorFactory: {
    create(auth?: string): SwaggerMockValidator;
  };
}
