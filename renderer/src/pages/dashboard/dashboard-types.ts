import type { ChannelOutput } from '../../../../shared/ipc/contract';

export type DashboardSummary = ChannelOutput<'dashboard:summary'>;
/** One read of everything the dashboard counts (see `dashboardOverviewQuery`). */
export interface DashboardOverview {
  summary: DashboardSummary;
  sync: ChannelOutput<'sync:status'>;
}
export type DashboardCompany = DashboardSummary['companies'][number];
export type FailedReason = DashboardSummary['failedReasons'][number];
