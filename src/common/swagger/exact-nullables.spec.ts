import { exactNullables, NULL_ONLY } from './exact-nullables';

describe('exactNullables', () => {
  it('turns a nullable reference into a oneOf that admits null', () => {
    const doc = {
      components: {
        schemas: {
          Match: {
            properties: {
              user: {
                nullable: true,
                type: 'object',
                description: 'null for an AI side',
                allOf: [{ $ref: '#/components/schemas/Profile' }],
              },
            },
          },
        },
      },
    };
    expect(exactNullables(doc).components.schemas.Match.properties.user).toEqual({
      description: 'null for an AI side',
      oneOf: [{ $ref: '#/components/schemas/Profile' }, NULL_ONLY],
    });
  });

  it('lists null among the values of a nullable enum, once', () => {
    const doc = {
      a: { type: 'string', enum: ['left', 'right'], nullable: true },
      b: { type: 'string', enum: ['x', null], nullable: true },
      c: { type: 'string', enum: ['x'] },
    };
    exactNullables(doc);
    expect(doc.a.enum).toEqual(['left', 'right', null]);
    expect(doc.b.enum).toEqual(['x', null]);
    expect(doc.c.enum).toEqual(['x']);
  });

  it('leaves plain nullable scalars and non-nullable references alone', () => {
    const scalar = { type: 'string', nullable: true };
    const ref = { allOf: [{ $ref: '#/components/schemas/X' }] };
    const doc = { paths: { '/x': { get: { scalar, ref, list: [{ ...scalar }] } } } };
    exactNullables(doc);
    expect(doc.paths['/x'].get).toEqual({ scalar, ref, list: [scalar] });
  });
});
