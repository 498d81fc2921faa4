import { describe, expect, it } from 'vitest';
import { runDemo } from '../../packages/cli/src/demo.js';
import { DEFAULT_API_KEY, DEFAULT_CLIENT_SECRET, SANDBOX_CARD } from '../../packages/sandbox/src/index.js';

// Longer names first, so `Reserved` is not read as `Reserve`.
const STEPS = [
  'Sandbox closed',
  'Sandbox',
  'Access token',
  'Captcha page',
  'Cart opened',
  'Reserved',
  'Reserve',
  'Certificate',
  'Payment',
  'Purchased',
  'Purchase',
  'Redemption URL',
  'Unredeemed orders',
];

/** The step a line belongs to (poll lines keep their number); an unknown line stays as it is. */
function step(line: string): string {
  const poll = /^ {2}poll (\d+):/.exec(line);
  if (poll) return `poll ${poll[1]}`;
  return STEPS.find((name) => line.startsWith(name)) ?? line;
}

/** Lines without the event choice (which event is sold depends on the hour in LA and New York). */
function withoutEventChoice(lines: string[]): string[] {
  return lines.filter((line) => !/^(Event |Maintenance window| {2}skipping)/.test(line));
}

function expectNoSecrets(lines: string[]): void {
  const text = lines.join('\n');
  expect(text).not.toContain(SANDBOX_CARD.number);
  expect(text).not.toContain(DEFAULT_CLIENT_SECRET);
  expect(text).not.toContain(`apikey=${DEFAULT_API_KEY}`);
  expect(text).not.toMatch(/\b(cvv|cin)\b.*\b\d{3,4}\b/i);
}

describe('runDemo', () => {
  it('buys end to end with forced polling by default, one line per step, and closes its sandbox', async () => {
    const lines: string[] = [];
    const { orderToken } = await runDemo({ write: (line) => lines.push(line) });

    expect(orderToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(withoutEventChoice(lines).map(step)).toEqual([
      'Sandbox',
      'Access token',
      'Captcha page',
      'Cart opened',
      'Reserve',
      'poll 1',
      'poll 2',
      'Reserved',
      'Certificate',
      'Payment',
      'Purchase',
      'poll 1',
      'poll 2',
      'Purchased',
      'Redemption URL',
      'Unredeemed orders',
      'Sandbox closed',
    ]);
    expect(lines[0]).toMatch(/^Sandbox: Partner-App API at http:\/\/127\.0\.0\.1:\d+\/partners\/v1 \(forced polling on/);
    expect(lines[1]).toMatch(/^Access token: POST \/partners\/v1\/oauth\/accesstoken\?apikey=\S+ -> 200/);

    // The event that was sold: named with its venue, local time and zone, outside maintenance.
    const chosen = lines.slice(
      0,
      lines.findIndex((l) => l.startsWith('Captcha page')),
    );
    const event = chosen.filter((l) => l.startsWith('Event ')).at(-1);
    expect(event).toMatch(
      /^Event 1A005E2BC0DE000[12]: ".+" at Sandbox (Park|Hall), (Los Angeles|New York); .+ (AM|PM) [A-Z]{3,4} \((America\/Los_Angeles|America\/New_York)\); sellable through the API: yes\.$/,
    );
    expect(chosen.at(-1)).toMatch(/^Maintenance window \(02:00-03:00 local\): not in it; the next starts .+ 2:00 AM/);

    expect(lines.find((l) => l.startsWith('Captcha page'))).toMatch(/site key sandbox-recaptcha-site-key/);
    expect(lines.find((l) => l.startsWith('Reserved'))).toMatch(/^Reserved: 2 tickets .*held for 299 s; total \d+\.\d{2} USD\.$/);
    expect(
      lines
        .filter((l) => l.startsWith('  poll'))
        .every((l) => / after 0 ms, GET \/partners\/v1\/polling\/cart(-tickets)?-PUT-[0-9A-F]{32}$/.test(l)),
    ).toBe(true);
    expect(lines.find((l) => l.startsWith('Payment'))).toMatch(/encrypted with key paysys-sandbox\./);
    expect(lines.find((l) => l.startsWith('Purchased'))).toContain(`order token ${orderToken}`);
    expect(lines.find((l) => l.startsWith('Redemption URL'))).toMatch(
      new RegExp(`/redeem\\?event_id=1A005E2BC0DE000[12]&token=${orderToken}$`),
    );
    expect(lines.find((l) => l.startsWith('Unredeemed'))).toMatch(/: 1, this order among them \(email status 1\)\.$/);
    expectNoSecrets(lines);

    // The sandbox is gone.
    const baseUrl = /at (http:\S+)/.exec(lines[0] ?? '')?.[1];
    await expect(fetch(`${baseUrl}/captcha?apikey=${DEFAULT_API_KEY}`)).rejects.toThrow();
  });

  it('does not poll without forcePolling', async () => {
    const lines: string[] = [];
    await runDemo({ write: (line) => lines.push(line), forcePolling: false });
    expect(lines[0]).toContain('forced polling off');
    expect(lines.some((l) => l.startsWith('  poll'))).toBe(false);
    expect(lines.at(-1)).toBe('Sandbox closed.');
  });

  it('stops when aborted and still closes the sandbox', async () => {
    const lines: string[] = [];
    const controller = new AbortController();
    const run = runDemo({
      write: (line) => {
        lines.push(line);
        if (line.startsWith('Reserve:')) controller.abort(new Error('stopped by the test'));
      },
      signal: controller.signal,
    });
    await expect(run).rejects.toThrow('stopped by the test');
    expect(lines.some((l) => l.startsWith('Purchased'))).toBe(false);
    expect(lines.at(-1)).toBe('Sandbox closed.');
    const baseUrl = /at (http:\S+)/.exec(lines[0] ?? '')?.[1];
    await expect(fetch(`${baseUrl}/captcha?apikey=${DEFAULT_API_KEY}`)).rejects.toThrow();
  });

  it('does not start at all with a signal aborted beforehand', async () => {
    const lines: string[] = [];
    await expect(runDemo({ write: (line) => lines.push(line), signal: AbortSignal.abort(new Error('already stopped')) })).rejects.toThrow(
      'already stopped',
    );
    expect(lines).toEqual([]);
  });
});
