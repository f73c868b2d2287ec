import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';

interface Props {
  label: string;
  /** Shown above the input: which column of the file this cell is in. */
  columnName: string;
  value: string;
  /** Why the current value is refused; absent when a missing value is being supplied. */
  reason?: string;
  onFix: (value: string) => void;
}

/**
 * A bad cell typed over in place. The correction is sent on Enter or when leaving the field, not on
 * every keystroke: each one re-checks the whole file.
 */
export function FixableCell({ label, columnName, value, reason, onFix }: Props) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);

  const commit = () => {
    if (draft !== value) onFix(draft);
  };
  return (
    <TextInput
      size="xs"
      aria-label={label}
      label={columnName}
      value={draft}
      error={reason}
      placeholder="Type the correct value"
      onChange={(event) => setDraft(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
}
