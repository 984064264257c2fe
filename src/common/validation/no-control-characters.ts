/**
 * Names and short texts refuse control characters and bidirectional formatting (API.md
 * "Conventions"): controls corrupt logs and layouts, and the embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) reorder the text around a name on other people's screens, so
 * "Bob‮ lost to Ann" could read as its opposite. Multi-line texts (bios) keep newlines and tabs.
 * Other invisible characters stay allowed: zero-width joiners hold emoji sequences together.
 */
import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/** C0 controls, DEL and C1 controls, then the bidirectional embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The same without tab (U+0009) and line feed (U+000A). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const IN_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export interface TextRules {
  /** Allow newlines and tabs (bios, messages). */
  multiline?: boolean;
}

/** Whether `text` holds none of the characters refused by the rules. */
export function isCleanText(text: string, { multiline = false }: TextRules = {}): boolean {
  return !(multiline ? IN_MULTILINE : IN_NAMES).test(text);
}

/**
 * Refuses strings holding control characters or bidirectional overrides. Values that are not
 * strings pass: IsString speaks for them. Works with `{ each: true }` on arrays.
 */
export function NoControlCharacters(
  rules: TextRules = {},
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  const refused = rules.multiline
    ? 'control characters other than newlines and tabs, or bidirectional overrides'
    : 'control characters or bidirectional overrides';
  return ValidateBy(
    {
      name: rules.multiline ? 'noControlCharactersMultiline' : 'noControlCharacters',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || isCleanText(value, rules),
        defaultMessage: buildMessage(
          () => `$property must not contain ${refused}`,
          validationOptions,
        ),
      },
    },
    validationOptions,
  );
}
