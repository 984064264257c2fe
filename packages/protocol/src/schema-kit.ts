/**
 * The few builders every schema of the protocol is made with. Objects are closed
 * (`additionalProperties: false`): the document says exactly what travels, so a field added on
 * one side without the other fails validation in the tests.
 */
import { Type } from '@sinclair/typebox';
import type { SchemaOptions, TProperties, TSchema } from '@sinclair/typebox';

/** A closed object. Give `$id` to a schema that has a name of its own in the AsyncAPI document. */
export const Closed = <P extends TProperties>(properties: P, options: SchemaOptions = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

/** `T | null`. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** An opaque id (a UUID of any version, as Arena makes them). */
export const Id = (description?: string) =>
  Type.String({ format: 'uuid', ...(description ? { description } : {}) });

/** Epoch milliseconds (times in socket events are numbers, in REST ISO-8601 strings). */
export const EpochMs = (description: string) => Type.Number({ minimum: 0, description });

/** An ISO-8601 time, as REST and stored records carry it. */
export const IsoTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description ? { description } : {}) });
