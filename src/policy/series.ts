import type { Viewer } from './viewer.js';
import { canReadWork, type WorkFacts } from './works.js';

export type SeriesFacts = { userId: number };

/** A series lists only posted parts the viewer may read: drafts never, restricted parts for signed-in readers. */
export const isVisiblePart = (viewer: Viewer, part: WorkFacts) => part.status === 'posted' && canReadWork(viewer, part);

export const isSeriesOwner = (viewer: Viewer, series: SeriesFacts) => viewer.kind === 'user' && viewer.id === series.userId;

/**
 * A series is as visible as its parts: one whose every part is hidden from this viewer does not
 * exist for them (404). Its owner always sees it, to manage it.
 */
export const canSeeSeries = (viewer: Viewer, series: SeriesFacts, parts: readonly WorkFacts[]) =>
  isSeriesOwner(viewer, series) || parts.some((p) => isVisiblePart(viewer, p));

export const canEditSeries = isSeriesOwner;

/** Only the series' owner, and only with a work they created. */
export const canAddToSeries = (viewer: Viewer, series: SeriesFacts, work: WorkFacts) =>
  isSeriesOwner(viewer, series) && viewer.kind === 'user' && work.creatorUserIds.includes(viewer.id);
