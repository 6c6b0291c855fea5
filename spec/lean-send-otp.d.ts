export type paths = {
    "/sendOtp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an OTP to a holder (standard method)
         * @description Delivers an OTP to the holder over the channel chosen at enrollment by `otpType`
         *     (SMS, EMAIL or WHATSAPP; WHATSAPP needs an LRA authorization and a template).
         */
        post: operations["sendOtp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sendOtpDisposable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an OTP to a holder (deprecated; use sendOtp)
         * @deprecated
         * @description Deprecated twin of `sendOtp`, kept for existing integrations. It is documented to answer
         *     exactly as `sendOtp` does.
         */
        post: operations["sendOtpDisposable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /** @description The holder to whom the OTP goes. Other properties are ignored. */
        SendOtpRequest: {
            /** @description The certIdOtp returned by enroll in DisposableIssued. */
            certIdOtp: string;
            /** @description The deviceCode returned by enroll in DisposableIssued. */
            deviceCode: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Error body of sendOtp. */
        SendOtpError: {
            code: components["schemas"]["SendOtpErrorCode"];
            /** @description A human-readable text for the code. Its wording is not part of the contract; only `code` is. */
            message: string;
        } & {
            [key: string]: unknown;
        };
        /** @description Error body of sendOtpDisposable. */
        SendOtpDisposableError: {
            code: components["schemas"]["SendOtpDisposableErrorCode"];
            /** @description A human-readable text for the code. Its wording is not part of the contract; only `code` is. */
            message: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * @description Not a part of the API. The fixture-free conformance scenarios that the catalogs cite in
         *     `x-error-codes[].provokedBy.scenario`, declared as a schema so that the generated types carry their
         *     names: a name added here without a request, a reference-provider rule and a pact interaction for it
         *     fails the type check of the suite.
         * @enum {string}
         */
        ConformanceScenario: "missingFields" | "unknownCertIdOtp" | "wrongDeviceCode" | "wrongCredentials" | "invalidOnBehalfOf";
        /**
         * @description Catalog of the codes sendOtp answers with, each with HTTP 500.
         * @enum {integer}
         */
        SendOtpErrorCode: 2 | 6 | 62 | 66 | 71 | 85 | 99 | 100 | 101 | 102 | 103 | 138 | 231 | 240 | 241 | 11002 | 15000;
        /**
         * @description Catalog of the codes sendOtpDisposable answers with, each with HTTP 500 (the same as sendOtp's).
         * @enum {integer}
         */
        SendOtpDisposableErrorCode: 2 | 6 | 62 | 66 | 71 | 85 | 99 | 100 | 101 | 102 | 103 | 138 | 231 | 240 | 241 | 11002 | 15000;
    };
    responses: {
        /**
         * @description The OTP was sent. The body is empty: zero bytes, no JSON value at all (not `{}`, not `null`,
         *     not whitespace).
         */
        OtpSent: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
    };
    parameters: {
        /** @description Optional. An invalid value is answered with HTTP 500 and code 15000. */
        OnBehalfOf: string;
    };
    requestBodies: {
        /**
         * @description Identifies the holder, with both values taken from the enrollment result (DisposableIssued). A body
         *     larger than `x-max-body-bytes` is unusable and answered like one with the fields missing (code 2).
         */
        SendOtpRequest: {
            content: {
                "application/json": components["schemas"]["SendOtpRequest"];
            };
        };
    };
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    sendOtp: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional. An invalid value is answered with HTTP 500 and code 15000. */
                "on-behalf-of"?: components["parameters"]["OnBehalfOf"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["SendOtpRequest"];
        responses: {
            200: components["responses"]["OtpSent"];
            /** @description Every failure of sendOtp, identified by its code. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendOtpError"];
                };
            };
        };
    };
    sendOtpDisposable: {
        parameters: {
            query?: never;
            header?: {
                /** @description Optional. An invalid value is answered with HTTP 500 and code 15000. */
                "on-behalf-of"?: components["parameters"]["OnBehalfOf"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["SendOtpRequest"];
        responses: {
            200: components["responses"]["OtpSent"];
            /** @description Every failure of sendOtpDisposable, identified by its code. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SendOtpDisposableError"];
                };
            };
        };
    };
}
