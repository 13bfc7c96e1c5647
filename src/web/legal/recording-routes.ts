import type { Route } from '../core/route-table.ts';

export const legalRecordingRoutes: Route[] = [];
