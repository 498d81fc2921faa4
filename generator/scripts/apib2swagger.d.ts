/** Minimal types for apib2swagger (it ships none); only what the scripts use. */
declare module 'apib2swagger' {
  interface ConvertOptions {
    /** Emit OpenAPI 3.0.3 instead of Swagger 2.0. */
    openApi3?: boolean;
    preferReference?: boolean;
    bearerAsApikey?: boolean;
    infoTitle?: string;
    preferFileRef?: boolean;
  }
  interface ConvertResult {
    /** The converted document (absent on error). */
    swagger?: unknown;
  }
  const apib2swagger: {
    /** Parses with its own drafter.js and calls back (synchronously in 1.17). */
    convert(source: string, options: ConvertOptions, callback: (error: unknown, result: ConvertResult) => void): void;
  };
  export = apib2swagger;
}
