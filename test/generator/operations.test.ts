import { describe, expect, it } from 'vitest';
import { apib, op, toOpenApi } from './blueprint.js';

describe('operations, tags and ids', () => {
  it('turns groups into tags with their descriptions', () => {
    const { doc } = toOpenApi(
      apib(
        '# A',
        '# Group Notes',
        'Everything about notes.',
        '## Note [/notes/{id}]',
        '+ Parameters',
        '    + id (string)',
        '### Read note [GET]',
        '+ Response 200',
      ),
    );
    expect(doc.tags).toEqual([{ name: 'Notes', description: 'Everything about notes.' }]);
    expect(op(doc, 'get', '/notes/{id}')).toMatchObject({ tags: ['Notes'], summary: 'Read note', operationId: 'readNote' });
  });

  it('gives unique camelCase operationIds: from names, else method and path', () => {
    const { doc } = toOpenApi(
      apib(
        '# A',
        '## Users [/users]',
        '### List [GET]',
        '+ Response 200',
        '### POST',
        '+ Response 201',
        '## Groups [/groups/{id}]',
        '+ Parameters',
        '    + id (string)',
        '### List [GET]',
        '+ Response 200',
        '### Élan vital 2 [PUT]',
        '+ Response 200',
      ),
    );
    const ids = [op(doc, 'get', '/users'), op(doc, 'post', '/users'), op(doc, 'get', '/groups/{id}'), op(doc, 'put', '/groups/{id}')].map(
      (o) => o.operationId,
    );
    expect(ids).toEqual(['list', 'postUsers', 'groupsList', 'elanVital2']);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
  });

  it('keeps an operationId while other actions are added, removed or moved; only a title taken earlier in the blueprint moves it', () => {
    const users = ['## Users [/users]', '### List [GET]', '+ Response 200', '### Create user [POST]', '+ Response 201'];
    const groups = ['## Groups [/groups]', '### List groups [GET]', '+ Response 200'];
    const ids = (...lines: string[]) => {
      const { doc } = toOpenApi(apib('# A', ...lines));
      return Object.fromEntries(
        Object.entries(doc.paths).flatMap(([path, item]) =>
          Object.entries(item as Record<string, { operationId: string }>).map(([method, o]) => [`${method} ${path}`, o.operationId]),
        ),
      );
    };
    const before = ids(...users);
    expect(before).toEqual({ 'get /users': 'list', 'post /users': 'createUser' });
    // Added before, added after, moved around: the ids of the actions already there stay.
    expect(ids(...groups, ...users)).toMatchObject(before);
    expect(ids(...users, ...groups)).toMatchObject(before);
    expect(ids(...users, ...groups, '## More users [/users/more]', '### Create user [POST]', '+ Response 201')).toMatchObject(before);
    // An earlier action with the same title takes the id; the later one falls back to resource + title.
    expect(ids('## Teams [/teams]', '### List [GET]', '+ Response 200', ...users)).toEqual({
      'get /teams': 'list',
      'get /users': 'usersList',
      'post /users': 'createUser',
    });
  });

  it('merges two actions with the same method and path instead of overwriting', () => {
    const source = apib(
      '# A',
      '## Cart [/cart{?apikey}]',
      '### Open cart [POST]',
      '+ Request (application/json)',
      '',
      '        {"token": "t"}',
      '',
      '+ Response 200 (application/json)',
      '',
      '        {"cart_id": "c"}',
      '',
      '## Cart again [/cart{?apikey,cart_id}]',
      '### Open cart with id [POST]',
      '+ Request (application/json)',
      '',
      '        {"token": "u", "cart_id": "c"}',
      '',
      '+ Response 409 (application/json)',
      '',
      '        {"error": "exists"}',
      '',
    );
    const { doc, warnings } = toOpenApi(source);
    const operation = op(doc, 'post', '/cart');
    expect(operation.operationId).toBe('openCart');
    expect(Object.keys(operation.responses)).toEqual(['200', '409']);
    expect(Object.keys(operation.requestBody.content['application/json'].examples)).toHaveLength(2);
    expect(operation.parameters).toContainEqual(expect.objectContaining({ name: 'cart_id', in: 'query' }));
    expect(warnings.some((w) => w.includes('merged into operation'))).toBe(true);
  });

  it('treats templates that differ only in variable names as one path', () => {
    const { doc } = toOpenApi(
      apib(
        '# A',
        '## A [/n/{id}]',
        '+ Parameters',
        '    + id (string)',
        '### Read [GET]',
        '+ Response 200',
        '## B [/n/{noteId}]',
        '+ Parameters',
        '    + noteId (string)',
        '### Remove [DELETE]',
        '+ Response 204',
      ),
    );
    expect(Object.keys(doc.paths)).toEqual(['/n/{id}']);
    expect(op(doc, 'delete', '/n/{id}').parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
  });
});
