import { Badge, Box, Loader, Text, Tooltip } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import type { LeadRow } from '../../../../../shared/ipc/dashboard';
import { formatDay } from '../../dashboard/format';
import { formatPhone } from '../../../../../shared/phone-text';
import { shownStatus, statusMeta, type KeyProblem } from '../../dashboard/lead-status';
import { leadDisplayName } from '../../../lib/lead-name';
import classes from './LeadTable.module.css';

interface Props {
  rows: LeadRow[];
  hasMore: boolean;
  isLoading: boolean;
  selectedId: number | null;
  onOpen: (lead: LeadRow) => void;
  loadMore: () => void;
  /** What to say (and offer) when there is no row: no lead at all, or none matching the filters. */
  empty: ReactNode;
  /** With one company the column says the same on every row: left out, the others get its room. */
  showCompany: boolean;
  /** Companies with no GHL API key: their waiting leads read "No API key", not "Waiting to send" (nothing sends them). */
  /** Companies whose key cannot be used: their waiting leads read "No API key" or "Keychain locked", not "Waiting to send". */
  keyProblems: ReadonlyMap<number, KeyProblem>;
}

/**
 * Sized so a phone number, "Summit Roofing" and the longest status label show whole at 1366 px with
 * the navigation open; the free room goes to names and emails.
 */
const COLUMNS = [
  { title: 'Name', width: 'minmax(120px, 1.3fr)' },
  { title: 'Phone', width: '136px' },
  { title: 'Email', width: 'minmax(140px, 1.6fr)' },
  { title: 'City', width: 'minmax(90px, 1fr)' },
  { title: 'Company', width: 'minmax(130px, 1fr)' },
  { title: 'Status', width: '180px' },
  { title: 'Tag', width: 'minmax(90px, 1fr)' },
  { title: 'Added', width: '96px' },
] as const;

const ROW_HEIGHT = 44;
/** Ask for the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 20;

/**
 * Divs with table roles rather than <table>: only the visible rows exist in the DOM (a list can be
 * 100k leads), and a CSS grid keeps the columns aligned between the header and absolutely-placed rows.
 */
export function LeadTable({ rows, hasMore, isLoading, selectedId, onOpen, loadMore, empty, showCompany, keyProblems }: Props) {
  const columns = COLUMNS.filter((column) => showCompany || column.title !== 'Company');
  const grid = { gridTemplateColumns: columns.map((column) => column.width).join(' ') };
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  // Fetch the next keyset page when the visible window nears the end of what is loaded.
  useEffect(() => {
    if (hasMore && !isLoading && lastIndex >= rows.length - PREFETCH_ROWS) loadMore();
  }, [lastIndex, rows.length, hasMore, isLoading, loadMore]);

  return (
    <div className={classes.table} role="table" aria-label="Leads" aria-rowcount={rows.length}>
      <div className={`${classes.row} ${classes.header}`} style={grid} role="row">
        {columns.map(({ title }) => (
          <div key={title} role="columnheader" className={classes.cell}>
            {title}
          </div>
        ))}
      </div>
      <div ref={scrollRef} className={classes.scroll} role="rowgroup">
        {rows.length === 0 && !isLoading && empty}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const lead = rows[item.index];
            return (
              <div key={item.key} className={classes.virtualRow} style={{ height: item.size, transform: `translateY(${item.start}px)` }}>
                {lead ? (
                  <LeadTableRow lead={lead} isSelected={lead.id === selectedId} onOpen={onOpen} grid={grid} showCompany={showCompany} keyProblem={keyProblems.get(lead.companyId) ?? null} />
                ) : (
                  <LoadingRow />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface RowProps {
  lead: LeadRow;
  isSelected: boolean;
  onOpen: (lead: LeadRow) => void;
  grid: { gridTemplateColumns: string };
  showCompany: boolean;
  keyProblem: KeyProblem | null;
}

function LeadTableRow({ lead, isSelected, onOpen, grid, showCompany, keyProblem }: RowProps) {
  const meta = shownStatus(lead.status, lead.companyName, keyProblem);
  return (
    <Box
      className={classes.row}
      style={grid}
      role="row"
      tabIndex={0}
      aria-selected={isSelected}
      data-selected={isSelected || undefined}
      onClick={() => onOpen(lead)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onOpen(lead);
        }
      }}
    >
      <div role="cell" className={classes.cell} style={{ fontWeight: 500 }}>
        {leadDisplayName(lead)}
      </div>
      <div role="cell" className={classes.cell}>
        {formatPhone(lead.phone) ?? '—'}
      </div>
      <div role="cell" className={classes.cell}>
        {lead.email ?? '—'}
      </div>
      <div role="cell" className={classes.cell}>
        {lead.city ?? '—'}
      </div>
      {showCompany && (
        <div role="cell" className={classes.cell}>
          {lead.companyName}
        </div>
      )}
      <div role="cell" className={classes.cell}>
        <Tooltip label={lead.lastError ?? meta.hint} multiline maw={320} disabled={!lead.lastError && lead.status !== 'failed' && meta === statusMeta[lead.status]}>
          <Badge color={meta.color} variant="light" size="sm">
            {meta.label}
          </Badge>
        </Tooltip>
      </div>
      <div role="cell" className={classes.cell} title={lead.tag ?? undefined}>
        {lead.tag ?? '—'}
      </div>
      <div role="cell" className={classes.cell}>
        {formatDay(lead.createdAt)}
      </div>
    </Box>
  );
}

function LoadingRow() {
  return (
    <div className={classes.loadingRow}>
      <Loader size="xs" /> <Text size="sm" c="dimmed">Loading more leads…</Text>
    </div>
  );
}
