import { Button, Group } from '@mantine/core';

interface Props {
  onBack?: () => void;
  nextLabel?: string;
  onNext?: () => void;
  isNextDisabled?: boolean;
  isNextLoading?: boolean;
}

/** Back / next buttons under a wizard step; each step decides when it may move on. */
export function WizardNav({ onBack, nextLabel = 'Next', onNext, isNextDisabled, isNextLoading }: Props) {
  return (
    <Group justify="space-between" mt="md">
      {onBack ? (
        <Button variant="default" onClick={onBack}>
          Back
        </Button>
      ) : (
        <span />
      )}
      {onNext && (
        <Button onClick={onNext} disabled={isNextDisabled} loading={isNextLoading}>
          {nextLabel}
        </Button>
      )}
    </Group>
  );
}
