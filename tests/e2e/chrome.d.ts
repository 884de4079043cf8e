/** The few extension APIs the end-to-end tests call inside the extension's own pages and worker. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  action: {
    getBadgeText(details: object): Promise<string>;
    getBadgeBackgroundColor(details: object): Promise<[number, number, number, number]>;
    getTitle(details: object): Promise<string>;
  };
};
