/** Asserts API.md's error envelope, and that nothing internal leaked into it. */
export function expectEnvelope(
  body: unknown,
  statusCode: number,
  path: string,
  message?: string | RegExp | string[],
): void {
  expect(body).toEqual({
    statusCode,
    error: expect.any(String),
    message: expect.anything(),
    path,
    timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
  });
  const { message: actual } = body as { message: unknown };
  if (Array.isArray(message)) expect(actual).toEqual(expect.arrayContaining(message));
  else if (message instanceof RegExp) expect(actual).toMatch(message);
  else if (message !== undefined) expect(actual).toBe(message);
  expect(JSON.stringify(body)).not.toMatch(/SQLITE|QueryFailedError|\bat .*\.ts:\d+|\$argon2/);
}
