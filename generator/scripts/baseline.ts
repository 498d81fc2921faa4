/** apib2swagger (the reference converter) behind a synchronous, never-throwing call. */
import apib2swagger from 'apib2swagger';

/** apib2swagger's document, or why there is none. */
export type BaselineResult = { document: unknown; error?: undefined } | { document?: undefined; error: string };

/**
 * Converts with apib2swagger to OpenAPI 3.0.3. Its callback is called synchronously
 * (1.17.1 runs drafter.js's synchronous parse); a callback that never comes is a
 * failure, not a wait, so a broken run cannot hang the scripts.
 */
export function convertWithApib2swagger(source: string): BaselineResult {
  let outcome: BaselineResult = { error: 'apib2swagger did not call back' };
  try {
    apib2swagger.convert(source, { openApi3: true }, (error, result) => {
      if (error) outcome = { error: describe(error) };
      else if (result?.swagger && typeof result.swagger === 'object') outcome = { document: result.swagger };
      else outcome = { error: 'apib2swagger returned no document' };
    });
  } catch (err) {
    outcome = { error: describe(err) };
  }
  return outcome;
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  if (typeof err === 'object' && err !== null) {
    // drafter.js rejects with its parse result: report the first annotation.
    const text = JSON.stringify(err);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }
  return String(err);
}
