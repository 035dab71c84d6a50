import { tagSlug } from '../tags/urls.js';

export const tagFeedPath = (tagName: string) => `/tags/${tagSlug(tagName)}/feed.atom`;
export const userFeedPath = (login: string) => `/users/${encodeURIComponent(login)}/works/feed.atom`;
export const seriesFeedPath = (seriesId: number) => `/series/${seriesId}/feed.atom`;
