// "New document from pasted text": a title, the text, and its details (role, outlet, author, date,
// URL), so that a pasted post does not need Edit details afterwards; Ctrl/Cmd+Enter creates it.
// Text that looks like Markdown is converted to plain text, or kept as written, as the analyst
// chooses. The details are saved once the document is made: if they are refused (a malformed date
// or URL), the document stays, the dialog says why, and Save details tries again.
import { useState, type FormEvent } from 'react';
import type { MarkdownMode } from '../../../core/model/document.ts';
import { looksLikeMarkdown } from '../../../core/text/looks-like-markdown.ts';
import { api } from '../api/client.ts';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';
import { DetailInputs, detailsPatch, EMPTY_DETAILS, type DetailFields } from './document-fields.tsx';

interface PasteDialogProps {
  /** How Markdown is read unless the analyst chooses otherwise (the workspace's setting for files). */
  readonly markdownDefault: MarkdownMode;
  readonly onClose: () => void;
  readonly onCreated: (documentId: string) => void;
}

export function PasteDialog({ markdownDefault, onClose, onCreated }: PasteDialogProps) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [markdown, setMarkdown] = useState<MarkdownMode>(markdownDefault);
  const isMarkdown = looksLikeMarkdown(text);
  const [details, setDetails] = useState<DetailFields>(EMPTY_DETAILS);
  const [created, setCreated] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const saveDetails = async (documentId: string): Promise<boolean> => {
    if (JSON.stringify(details) === JSON.stringify(EMPTY_DETAILS)) return true;
    const result = await api.updateDocumentMeta(documentId, detailsPatch(details));
    if (result.ok) return true;
    setError(
      `The document was created, but its details were not saved: ${result.error.message.replace(/\.?$/, '.')} Correct them and save again.`,
    );
    return false;
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (text.trim() === '' || busy) return;
    setBusy(true);
    try {
      let documentId = created;
      if (documentId === undefined) {
        const outcome = await api.importText(title, text, isMarkdown ? { markdown } : {});
        if (outcome.status === 'rejected') return setError(outcome.message);
        documentId = outcome.documentId;
        setCreated(documentId);
        onCreated(documentId);
      }
      if (await saveDetails(documentId)) onClose();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="New document from pasted text" onClose={onClose} wide>
      <form
        className="form form-grid"
        onSubmit={(event) => void submit(event)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
        }}
      >
        <label className="span-2">
          Title
          <input
            value={title}
            disabled={created !== undefined}
            onChange={(event) => setTitle(event.target.value)}
            placeholder="From the text's first line if empty"
            autoFocus
          />
        </label>
        <label className="span-2">
          Text
          <textarea
            value={text}
            rows={10}
            disabled={created !== undefined}
            onChange={(event) => setText(event.target.value)}
            placeholder="Paste the text here"
          />
        </label>
        {isMarkdown && (
          <fieldset className="span-2 markdown-choice" disabled={created !== undefined}>
            <legend>The text looks like Markdown</legend>
            <label>
              <input type="radio" name="markdown" checked={markdown === 'plain'} onChange={() => setMarkdown('plain')} />
              Markdown → plain text <span className="form-hint">headings, lists and links as text, no ** or ##</span>
            </label>
            <label>
              <input type="radio" name="markdown" checked={markdown === 'source'} onChange={() => setMarkdown('source')} />
              Keep the Markdown source
            </label>
          </fieldset>
        )}
        <DetailInputs fields={details} onChange={setDetails} />
        <FormFooter
          error={error}
          busy={busy}
          disabled={text.trim() === ''}
          submit={created === undefined ? ['Create document', 'Creating…'] : ['Save details', 'Saving…']}
          onCancel={onClose}
          cancelLabel={created === undefined ? 'Cancel' : 'Close'}
        />
      </form>
    </Dialog>
  );
}
