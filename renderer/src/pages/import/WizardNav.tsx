import { Button, Group } from '@mantine/core';

interface Props {
  onBack?: () => void;
  nextLabel?: string;
  onNext?: () => void;
  isNextDisabled?: boolean;
  isNextLoading?: boolean;
}

/**
 * Back / next buttons under a wizard step; each step decides when it may move on. They stay at the window's
 * bottom edge while the step is longer than the window: under a file's preview or the review's tables, "Next"
 * and "Import N new leads" sat 300–400 px below the fold of a 1366×768 screen.
 */
export function WizardNav({ onBack, nextLabel = 'Next', onNext, isNextDisabled, isNextLoading }: Props) {
  return (
    <Group
      justify="space-between"
      mt="md"
      py="sm"
      data-testid="wizard-nav"
      style={{ position: 'sticky', bottom: 0, zIndex: 2, background: 'var(--mantine-color-body)', borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
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
