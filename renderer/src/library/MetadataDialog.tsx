// Edits a document's details: title, role, outlet, author, published date, URL, language, tags.
import { useState, type FormEvent } from 'react';
import type { DocumentMetaPatch } from '../../../core/contract/workbench-api.ts';
import type { DocumentMeta } from '../../../core/model/document.ts';
import { api } from '../api/client.ts';
import { Dialog, FormFooter } from '../ui/Dialog.tsx';
import { DetailInputs, detailsPatch, type DetailFields } from './document-fields.tsx';

interface MetadataDialogProps {
  readonly meta: DocumentMeta;
  readonly onClose: () => void;
}

export function MetadataDialog({ meta, onClose }: MetadataDialogProps) {
  const [fields, setFields] = useState({
    title: meta.title,
    language: meta.language ?? '',
    tags: meta.tags.join(', '),
  });
  const [details, setDetails] = useState<DetailFields>({
    role: meta.role,
    outlet: meta.outlet,
    author: meta.author,
    publishedAt: meta.publishedAt ?? '',
    sourceUrl: meta.sourceUrl ?? '',
  });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const optional = (value: string) => (value.trim() === '' ? null : value.trim());
    const patch: DocumentMetaPatch = {
      title: fields.title,
      ...detailsPatch(details),
      language: optional(fields.language),
      tags: [
        ...new Set(
          fields.tags
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean),
        ),
      ],
    };
    setBusy(true);
    try {
      const result = await api.updateDocumentMeta(meta.id, patch);
      if (result.ok) onClose();
      else setError(result.error.message);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Document details" onClose={onClose}>
      <form className="form form-grid" onSubmit={(event) => void submit(event)}>
        <label className="span-2">
          Title
          <input value={fields.title} onChange={set('title')} required maxLength={1000} autoFocus />
        </label>
        <DetailInputs fields={details} onChange={setDetails} />
        <label>
          Language
          <input value={fields.language} onChange={set('language')} placeholder="en, uk, fr-CA…" />
        </label>
        <label className="span-2">
          Tags
          <input value={fields.tags} onChange={set('tags')} placeholder="comma-separated" />
        </label>
        <FormFooter error={error} busy={busy} submit={['Save', 'Saving…']} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
