// A question before something with consequences (deleting an annotation that has links, a document):
// what will go, and the two answers. Escape or Cancel says no.
import { useCallback, useState, type FormEvent } from 'react';
import { Dialog, FormFooter } from './Dialog.tsx';

export interface Confirmation {
  readonly title: string;
  readonly message: string;
  /** The button that goes ahead ("Delete"). */
  readonly confirmLabel: string;
}

interface ConfirmDialogProps extends Confirmation {
  readonly onAnswer: (yes: boolean) => void;
}

export function ConfirmDialog({ title, message, confirmLabel, onAnswer }: ConfirmDialogProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onAnswer(true);
  };
  return (
    <Dialog title={title} onClose={() => onAnswer(false)}>
      <form className="form" onSubmit={submit}>
        <p className="confirm-message">{message}</p>
        <FormFooter error={undefined} busy={false} submit={[confirmLabel, confirmLabel]} onCancel={() => onAnswer(false)} danger />
      </form>
    </Dialog>
  );
}

/** `ask(question)` resolves with the analyst's answer; `dialog` shows the question meanwhile. */
export function useConfirm() {
  const [pending, setPending] = useState<{ question: Confirmation; resolve: (yes: boolean) => void }>();
  const ask = useCallback((question: Confirmation) => new Promise<boolean>((resolve) => setPending({ question, resolve })), []);
  const dialog = pending && (
    <ConfirmDialog
      {...pending.question}
      onAnswer={(yes) => {
        pending.resolve(yes);
        setPending(undefined);
      }}
    />
  );
  return { ask, dialog };
}
