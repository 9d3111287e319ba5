// A modal dialog on the native <dialog> element: focus is trapped, Escape closes it.
import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** For dialogs with two columns (the codebook editor). */
  readonly wide?: boolean;
  /**
   * Ends the dialog with one button that calls `onClose` ("Close", "Done", "Cancel"), for dialogs
   * without a form; `primary` when it is the way on rather than a way out beside other actions.
   */
  readonly closeButton?: { readonly label: string; readonly primary?: boolean };
}

export function Dialog({ title, onClose, children, wide = false, closeButton }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current!;
    // Focus goes back where it was (the button that opened the dialog) when the dialog goes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    dialog.showModal();
    focusCheckedRadio(dialog);
    return () => {
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-label={title}
      onCancel={(event) => (event.preventDefault(), onClose())}
    >
      <h2 className="dialog-title">{title}</h2>
      {children}
      {closeButton && (
        <div className="form-actions">
          <button type="button" className={closeButton.primary ? 'button-primary' : 'button-quiet'} onClick={onClose}>
            {closeButton.label}
          </button>
        </div>
      )}
    </dialog>
  );
}

/**
 * `showModal` focuses the first focusable element, which for a radio group is its first radio even
 * when another one is checked; Tab and the arrow keys treat the checked one as the group's place.
 * Focus goes to that one, so that the focus ring never sits on an option that is not chosen.
 */
function focusCheckedRadio(dialog: HTMLDialogElement): void {
  const active = document.activeElement;
  if (!(active instanceof HTMLInputElement) || active.type !== 'radio' || active.checked || !dialog.contains(active)) return;
  const group = [...dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]')].filter((radio) => radio.name === active.name);
  group.find((radio) => radio.checked && !radio.disabled)?.focus();
}

interface FormFooterProps {
  readonly error: string | undefined;
  readonly busy: boolean;
  readonly disabled?: boolean;
  /** The submit button's label, and its label while busy. */
  readonly submit: readonly [idle: string, busy: string];
  readonly onCancel: () => void;
  readonly cancelLabel?: string;
  /** The submit button destroys something (it is shown in the warning colour). */
  readonly danger?: boolean;
}

/** Every dialog form ends alike: its error (if any), then Cancel and the submit button. */
export function FormFooter({ error, busy, disabled = false, submit, onCancel, cancelLabel = 'Cancel', danger = false }: FormFooterProps) {
  return (
    <>
      {error && (
        <p className="form-error span-2" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions span-2">
        <button type="button" className="button-quiet" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="submit" className={danger ? 'button-primary button-danger' : 'button-primary'} disabled={busy || disabled}>
          {busy ? submit[1] : submit[0]}
        </button>
      </div>
    </>
  );
}
