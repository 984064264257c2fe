import { IsIn } from 'class-validator';
import { ConflictError } from '../common/errors';
import { acknowledge, ackError } from './acks';

class JoinQueue {
  @IsIn(['ranked', 'casual'])
  mode!: string;
}

describe('ackError', () => {
  it('keeps a domain error’s code and hides anything else', () => {
    expect(ackError(new ConflictError('already'))).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'already' },
    });
    expect(ackError(new Error('SQLITE_BUSY'))).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Internal server error' },
    });
  });
});

describe('acknowledge', () => {
  const never = () => Promise.reject(new Error('ran'));

  it('runs a valid payload and answers ok with the result', async () => {
    const failed = jest.fn();
    const seen: JoinQueue[] = [];
    const ack = await acknowledge(
      true,
      JoinQueue,
      { mode: 'ranked' },
      (payload) => {
        seen.push(payload);
        return Promise.resolve({ position: 1 });
      },
      failed,
    );
    expect(ack).toEqual({ ok: true, position: 1 });
    expect(seen[0]).toBeInstanceOf(JoinQueue);
    expect(failed).not.toHaveBeenCalled();
  });

  it('refuses over the budget before reading the payload', async () => {
    const run = jest.fn(never);
    await expect(acknowledge(false, JoinQueue, 'junk', run, jest.fn())).resolves.toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'Too many events, slow down' },
    });
    expect(run).not.toHaveBeenCalled();
  });

  it('answers VALIDATION without running, and ignores what a payload-less event was sent', async () => {
    const run = jest.fn(never);
    const ack = await acknowledge(true, JoinQueue, { mode: 'blitz' }, run, jest.fn());
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(run).not.toHaveBeenCalled();
    await expect(
      acknowledge(true, null, 'anything', () => Promise.resolve({}), jest.fn()),
    ).resolves.toEqual({ ok: true });
  });

  it('keeps a domain error, and hides and reports anything else', async () => {
    const failed = jest.fn();
    await expect(
      acknowledge(true, null, undefined, () => Promise.reject(new ConflictError('busy')), failed),
    ).resolves.toEqual({ ok: false, error: { code: 'CONFLICT', message: 'busy' } });
    expect(failed).not.toHaveBeenCalled();
    const crash = new Error('SQLITE_BUSY');
    await expect(
      acknowledge(true, null, undefined, () => Promise.reject(crash), failed),
    ).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Internal server error' },
    });
    expect(failed).toHaveBeenCalledWith(crash);
  });
});
