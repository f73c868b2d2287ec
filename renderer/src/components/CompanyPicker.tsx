import { Alert, Anchor, Select, Skeleton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { companiesQuery } from '../lib/queries';
import { NEW_COMPANY_LINK } from '../pages/companies/company-link';

interface Props {
  value: number | null;
  onChange: (companyId: number | null) => void;
  label?: string;
  description?: string;
  error?: string | undefined;
  disabled?: boolean;
}

/**
 * Which roofing company (GHL location) a lead or import belongs to. With a single company it is
 * chosen for the user: most offices only ever have one.
 */
export function CompanyPicker({ value, onChange, label = 'Company', description, error, disabled }: Props) {
  const companies = useQuery(companiesQuery());
  const list = companies.data;
  const onlyCompanyId = list?.length === 1 ? list[0]!.id : null;

  useEffect(() => {
    if (value === null && onlyCompanyId !== null) onChange(onlyCompanyId);
  }, [value, onlyCompanyId, onChange]);

  if (companies.isLoading && !list) return <Skeleton height={60} aria-label="Loading companies" />;
  if (companies.error) return <Alert color="red" title="Could not load the companies">{companies.error.message}</Alert>;
  if (list?.length === 0) {
    return (
      <Alert color="yellow" title="No company yet">
        Leads belong to a roofing company. <Anchor href={NEW_COMPANY_LINK}>Add your company first</Anchor>, then come back here.
      </Alert>
    );
  }

  return (
    <Select
      label={label}
      description={description}
      placeholder="Choose a company"
      required
      disabled={disabled}
      allowDeselect={false}
      error={error}
      data={(list ?? []).map((company) => ({ value: String(company.id), label: company.name }))}
      value={value === null ? null : String(value)}
      onChange={(selected) => onChange(selected ? Number(selected) : null)}
    />
  );
}
