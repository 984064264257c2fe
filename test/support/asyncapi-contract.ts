/**
 * Every socket event an e2e spec receives, and every ack, is checked against the AsyncAPI
 * document Arena serves at /asyncapi.json (built from @arena/protocol; contract.e2e-spec.ts
 * checks that the served document is this one), by ajv, a third-party JSON Schema validator.
 * So a payload that drifts from the contract fails the spec that saw it.
 */
import { ackMessageKey, buildAsyncApiDocument, messageKey } from '@arena/protocol';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export type Namespace = 'game' | 'chat';

/** The document as any Arena built from this tree serves it (its server address aside). */
export const asyncApiDocument = buildAsyncApiDocument({
  publicUrl: 'http://localhost:3000',
  version: '1.0',
});

const DOCUMENT_ID = 'arena-asyncapi';
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
addFormats(ajv);
ajv.addSchema(asyncApiDocument, DOCUMENT_ID);

const validators = new Map<string, ValidateFunction | null>();

function validatorFor(namespace: Namespace, key: string): ValidateFunction | null {
  const pointer = `${DOCUMENT_ID}#/channels/${namespace}/messages/${key}/payload`;
  if (!validators.has(pointer)) {
    const channels = asyncApiDocument.channels as Record<
      string,
      { messages: Record<string, object> }
    >;
    const known = channels[namespace].messages[key] !== undefined;
    validators.set(pointer, known ? (ajv.getSchema(pointer) ?? null) : null);
  }
  return validators.get(pointer) ?? null;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map(
      (error) =>
        `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    )
    .join('; ');
}

/** Why `payload` is not what the document says Arena sends as `event` on `namespace` (or null). */
export function serverEventViolation(
  namespace: Namespace,
  event: string,
  payload: unknown,
): string | null {
  const validate = validatorFor(namespace, messageKey('server', event));
  if (!validate) return `/${namespace} ${event}: no such server event in /asyncapi.json`;
  if (validate(payload)) return null;
  return `/${namespace} ${event}: ${describeErrors(validate.errors)} in ${JSON.stringify(payload)}`;
}

/** Why `ack` is not the document's acknowledgement of the client event `event` (or null). */
export function ackViolation(namespace: Namespace, event: string, ack: unknown): string | null {
  const validate = validatorFor(namespace, ackMessageKey(event));
  if (!validate)
    return `/${namespace} ${event}: no acknowledged client event of that name in /asyncapi.json`;
  if (validate(ack)) return null;
  return `/${namespace} ${event} ack: ${describeErrors(validate.errors)} in ${JSON.stringify(ack)}`;
}
