import { useRef } from 'react';

/** A JSON file the guardian picks for a drill: only its name and text leave here, checked in the main process. */
export function DrillFileButton({
  label,
  disabled,
  onPicked,
  testId,
}: {
  label: string;
  disabled: boolean;
  onPicked: (file: { name: string; text: string }) => void;
  testId: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const read = (file: File | undefined) => {
    if (!file) return;
    void file
      .text()
      .then((text) => onPicked({ name: file.name, text }))
      .finally(() => input.current && (input.current.value = ''));
  };
  return (
    <>
      <button
        type="button"
        className="file-button"
        disabled={disabled}
        onClick={() => input.current?.click()}
        data-testid={`${testId}-button`}
      >
        {label}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        tabIndex={-1}
        aria-label={label}
        accept=".json,application/json"
        onChange={(e) => read(e.target.files?.[0])}
        data-testid={`${testId}-file`}
      />
    </>
  );
}
