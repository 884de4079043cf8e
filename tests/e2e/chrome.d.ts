/** The few extension APIs the end-to-end tests call inside the extension's own pages and worker. */
declare const chrome: {
  windows: {
    create(data: { url: string; type: string; width?: number; height?: number }): Promise<unknown>;
    getAll(filter: { windowTypes: string[] }): Promise<{ type: string }[]>;
  };
  tabs: { query(q: { url?: string }): Promise<{ id?: number }[]> };
  /** The idle state the worker asks (replaced by a test: the screen locked). */
  idle: { queryState: (seconds: number) => Promise<string> };
  runtime: { sendMessage(message: unknown): Promise<unknown>; lastError?: { message?: string } };
  /** chrome://extensions' own API: the extensions' settings, as the CM changes them there. */
  developerPrivate: { updateExtensionConfiguration(update: { extensionId: string; hostAccess: string }, done: () => void): void };
  /** chrome://extensions' too: an extension's switch. */
  management: { setEnabled(id: string, enabled: boolean, done: () => void): void };
  notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
  contextMenus: { update(id: string, details: object): Promise<void>; onClicked: { hasListeners(): boolean } };
  action: {
    getBadgeText(details: object): Promise<string>;
    getBadgeBackgroundColor(details: object): Promise<[number, number, number, number]>;
    getTitle(details: object): Promise<string>;
  };
};
