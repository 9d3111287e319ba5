// A button that opens the system's file chooser: the renderer's one way to pick files (import,
// new version, annotation file, bundle, codebook). The chooser is a hidden <input type=file>
// beside the button; it is emptied after each choice, so the same file can be chosen again.
import { useRef, type ReactNode } from 'react';

type FileButtonProps = {
  /** What the chooser offers (a hint: what is read is checked by content). */
  readonly accept: string;
  /** The hidden input's data-testid: end-to-end tests hand it files directly. */
  readonly testId: string;
  readonly className?: string;
  readonly title?: string;
  /** The button's id. */
  readonly id?: string;
  readonly children: ReactNode;
} & (
  | { readonly multiple: true; readonly onFiles: (files: File[]) => void }
  | { readonly multiple?: false; readonly onFile: (file: File) => void }
);

export function FileButton({ accept, testId, className, title, id, children, ...choice }: FileButtonProps) {
  const chooser = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" id={id} className={className} onClick={() => chooser.current?.click()} title={title}>
        {children}
      </button>
      <input
        ref={chooser}
        type="file"
        accept={accept}
        multiple={choice.multiple}
        hidden
        data-testid={testId}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (choice.multiple) choice.onFiles(files);
          else if (files[0]) choice.onFile(files[0]);
        }}
      />
    </>
  );
}
