/** Chat specs' shared steps through the real API. */
import { bearer, type Account } from './accounts';
import type { TestApp } from './test-app';

export interface DirectConversation {
  id: string;
  kind: string;
  peer: { id: string } | null;
  role: string;
}

/**
 * POST /api/chat/direct as `from` with `to`: `201` when it opens the conversation, `200` when it
 * finds it already there (or the failure status a spec expects).
 */
export async function openDirect(
  t: TestApp,
  from: Account,
  to: { id: string },
  status = 201,
): Promise<DirectConversation> {
  const answer = await t
    .http()
    .post('/api/chat/direct')
    .set(bearer(from.accessToken))
    .send({ userId: to.id })
    .expect(status);
  return answer.body as DirectConversation;
}
