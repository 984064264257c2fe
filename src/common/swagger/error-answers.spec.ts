import { addSharedErrorAnswers } from './error-answers';

const REF = '#/components/schemas/ErrorEnvelopeDto';

describe('addSharedErrorAnswers', () => {
  type Responses = Record<string, unknown>;
  const build = () => ({
    paths: {
      '/health': { get: { responses: { '200': { description: 'up' } } as Responses } },
      '/api/things/{id}': {
        parameters: [],
        patch: {
          security: [{ bearer: [] }],
          responses: {
            '200': { description: 'ok' },
            '403': { description: 'Owner only' },
          } as Responses,
        },
      },
    },
  });

  it('adds 400 and 500 to every route, 413 and 415 where a body may come, 401/403/429 when secured', () => {
    const doc = addSharedErrorAnswers(build(), REF);
    expect(Object.keys(doc.paths['/health'].get.responses).sort()).toEqual(['200', '400', '500']);
    expect(Object.keys(doc.paths['/api/things/{id}'].patch.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '413',
      '415',
      '429',
      '500',
    ]);
    expect(doc.paths['/health'].get.responses).toMatchObject({
      '400': { content: { 'application/json': { schema: { $ref: REF } } } },
    });
    expect(doc.paths['/api/things/{id}'].patch.responses).toMatchObject({
      '429': { headers: { 'Retry-After': { schema: { type: 'integer' } } } },
    });
  });

  it("keeps a route's own description of a status", () => {
    const doc = addSharedErrorAnswers(build(), REF);
    expect(doc.paths['/api/things/{id}'].patch.responses['403']).toEqual({
      description: 'Owner only',
    });
    expect(doc.paths['/api/things/{id}'].parameters).toEqual([]);
  });
});
