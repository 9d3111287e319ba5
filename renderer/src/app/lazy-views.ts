// The views and dialogs a first paint does not need, each in a chunk of its own (issue 23): the
// reader's bundle is Monaco's editor core plus the library, the reader and the side panel. Each
// chunk is fetched when first shown, or before that when the browser is idle after the first
// document is painted (`preloadViews`), so that opening one later does not wait on the network.
import { lazy, type ComponentType } from 'react';

const loaders = {
  archive: () => import('../archive/ArchiveView.tsx'),
  claims: () => import('../evidence/ClaimsView.tsx'),
  agreement: () => import('../agreement/AgreementView.tsx'),
  fidelity: () => import('../evidence/FidelityDialog.tsx'),
  mentions: () => import('../evidence/MentionDialog.tsx'),
  importBundle: () => import('../bundles/ImportBundleDialog.tsx'),
  exportBundle: () => import('../bundles/ExportDialog.tsx'),
  codebook: () => import('../codebook/CodebookDialog.tsx'),
  metadata: () => import('../library/MetadataDialog.tsx'),
  paste: () => import('../library/PasteDialog.tsx'),
  settings: () => import('../settings/SettingsDialog.tsx'),
  versions: () => import('../versions/VersionsDialog.tsx'),
  find: () => import('../table/FindView.tsx'),
  matches: () => import('../archive/MatchesPanel.tsx'),
  suggestions: () => import('../suggestions/SuggestionsPanel.tsx'),
};

/** `lazy` for a named export. */
function named<M, P extends object>(load: () => Promise<M>, pick: (module: M) => ComponentType<P>) {
  return lazy(async () => ({ default: pick(await load()) }));
}

export const ArchiveView = named(loaders.archive, (module) => module.ArchiveView);
export const ClaimsView = named(loaders.claims, (module) => module.ClaimsView);
export const AgreementView = named(loaders.agreement, (module) => module.AgreementView);
export const FidelityDialog = named(loaders.fidelity, (module) => module.FidelityDialog);
export const MentionDialog = named(loaders.mentions, (module) => module.MentionDialog);
export const ImportBundleDialog = named(loaders.importBundle, (module) => module.ImportBundleDialog);
export const ExportDialog = named(loaders.exportBundle, (module) => module.ExportDialog);
export const CodebookDialog = named(loaders.codebook, (module) => module.CodebookDialog);
export const MetadataDialog = named(loaders.metadata, (module) => module.MetadataDialog);
export const PasteDialog = named(loaders.paste, (module) => module.PasteDialog);
export const SettingsDialog = named(loaders.settings, (module) => module.SettingsDialog);
export const VersionsDialog = named(loaders.versions, (module) => module.VersionsDialog);
export const FindView = named(loaders.find, (module) => module.FindView);
export const MatchesPanel = named(loaders.matches, (module) => module.MatchesPanel);
export const SuggestionsPanel = named(loaders.suggestions, (module) => module.SuggestionsPanel);

/** How long after start the views are fetched anyway when no document is painted (an empty workspace). */
const PRELOAD_AT_THE_LATEST_MS = 5000;

/**
 * Fetches every view's chunk once the browser is idle after the first document's text is painted
 * (the reader's `cb:text-painted` mark), or after a few seconds when none is. Returns a disposer.
 */
export function preloadViewsAfterFirstPaint(): () => void {
  let idle: number | undefined;
  const preload = () => {
    observer.disconnect();
    clearTimeout(fallback);
    idle ??= requestIdleCallback(() => Object.values(loaders).forEach((load) => void load().catch(() => undefined)), { timeout: 2000 });
  };
  const observer = new PerformanceObserver((list) => {
    if (list.getEntriesByName('cb:text-painted').length > 0) preload();
  });
  observer.observe({ type: 'mark', buffered: true });
  const fallback = setTimeout(preload, PRELOAD_AT_THE_LATEST_MS);
  return () => {
    observer.disconnect();
    clearTimeout(fallback);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}
