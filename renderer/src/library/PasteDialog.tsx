// "New document from pasted text": a title and the text; Ctrl/Cmd+Enter creates it.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';

interface PasteDialogProps {
  readonly onClose: () => void;
  readonly onCreated: (documentId: string) => void;
}

export function PasteDialog({ onClose, onCreated }: PasteDialogProps) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (text.trim() === '' || busy) return;
    setBusy(true);
    try {
      const outcome = await api.importText(title, text);
      if (outcome.status === 'rejected') setError(outcome.message);
      else {
        onCreated(outcome.documentId);
        onClose();
      }
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="New document from pasted text" onClose={onClose}>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <label>
          Title
          <input
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            placeholder="From the text's first line if empty"
            autoFocus
          />
        </label>
        <label>
          Text
          <textarea
            value={text}
            rows={14}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
            }}
            placeholder="Paste the text here"
          />
        </label>
        <FormFooter error={error} busy={busy} disabled={text.trim() === ''} submit={['Create document', 'Creating…']} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
