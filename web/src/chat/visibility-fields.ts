/**
 * A channel's visibility and, for a protected channel only, its password: the form fields of
 * creating a channel and of its settings.
 */
import { field, h } from '../dom';

type Visibility = 'public' | 'private' | 'protected';

export interface VisibilityFieldsOptions {
  /** The visibility selected at first. */
  current?: Visibility;
  /** The password field's label. */
  passwordLabel: string;
  /** Whether a protected channel needs a password here (not when one is kept). */
  passwordRequired: boolean;
}

/** The two fields, the password shown and enabled only while `protected` is selected. */
export function visibilityFields(options: VisibilityFieldsOptions): HTMLElement[] {
  const visibility = h(
    'select',
    { name: 'visibility' },
    h('option', { value: 'public', selected: options.current === 'public' }, 'Public'),
    h(
      'option',
      { value: 'private', selected: options.current === 'private' },
      'Private (by invitation)',
    ),
    h(
      'option',
      { value: 'protected', selected: options.current === 'protected' },
      'Protected (password)',
    ),
  );
  const password = h('input', {
    name: 'password',
    type: 'password',
    minlength: 8,
    maxlength: 128,
    autocomplete: 'new-password',
    required: options.passwordRequired,
  });
  const passwordField = field(options.passwordLabel, password);
  const showPassword = () => {
    passwordField.hidden = visibility.value !== 'protected';
    password.disabled = passwordField.hidden;
  };
  visibility.addEventListener('change', showPassword);
  showPassword();
  return [field('Visibility', visibility), passwordField];
}
