import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Which rule a control breaks, as a `validity.*` key, or null. */
function broken(control: Control): string | null {
  const v = control.validity;
  if (v.valueMissing) return 'required';
  if (v.tooShort) return 'tooShort';
  if (v.tooLong) return 'tooLong';
  if (v.typeMismatch) return control.type === 'url' ? 'url' : control.type === 'email' ? 'email' : 'format';
  if (v.patternMismatch || v.badInput) return 'format';
  if (v.rangeUnderflow || v.rangeOverflow || v.stepMismatch) return 'range';
  return null;
}

/**
 * Props for a `<form>` whose native checks speak the app's language, not the browser's: a Filipino student on
 * an English browser reads "Punan ito." instead of "Please fill out this field.". Spread on the form.
 */
export function useValidityMessages() {
  const { t } = useTranslation();
  return {
    onInvalidCapture(e: FormEvent<HTMLFormElement>) {
      const control = e.target as Control;
      control.setCustomValidity('');
      const key = broken(control);
      if (!key) return;
      const limits = 'minLength' in control ? { min: control.minLength, max: control.maxLength } : {};
      control.setCustomValidity(t(`validity.${key}`, limits));
    },
    onInputCapture(e: FormEvent<HTMLFormElement>) {
      (e.target as Control).setCustomValidity?.('');
    },
  };
}
