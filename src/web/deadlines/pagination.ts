// The GOV.UK pagination component's parameters for a list shown a page at a time; null when it all fits
// on one page. Long runs of pages are shortened with ellipses around the current one.
export function pagination(list: { total: number; page: number; pageSize: number }, href: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  if (pages === 1) return null;
  const current = Math.min(list.page, pages);
  const shown = [...new Set([1, current - 1, current, current + 1, pages])].filter((page) => page >= 1 && page <= pages).sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  shown.forEach((page, index) => {
    if (index > 0 && page - shown[index - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: page, href: href(page), current: page === current });
  });
  return {
    items,
    previous: current > 1 ? { href: href(current - 1) } : undefined,
    next: current < pages ? { href: href(current + 1) } : undefined,
    landmarkLabel: 'Pages of the list',
  };
}
