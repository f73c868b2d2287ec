import type { ChannelOutput } from '../../../../shared/ipc/contract';

export type DashboardSummary = ChannelOutput<'dashboard:summary'>;
export type DashboardCompany = DashboardSummary['companies'][number];
export type FailedReason = DashboardSummary['failedReasons'][number];
