import type { ChannelOutput } from '../../../../shared/ipc/contract';

/** One read of everything the dashboard counts (see `dashboardOverviewQuery`). */
export type DashboardOverview = ChannelOutput<'dashboard:overview'>;
export type DashboardCompany = DashboardOverview['companies'][number];
export type BlockedCompany = DashboardOverview['blocked'][number];
export type HeldBackBatch = DashboardOverview['heldBack'][number];
export type FailedReason = DashboardOverview['failedReasons'][number];
