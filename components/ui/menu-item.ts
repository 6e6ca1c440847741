/** Classes of an entry in a Menu (a link or a button). A plain module: server components use it too. */
export const menuItemClass = "block w-full rounded-md px-3 py-2 text-left text-sm text-ink hover:bg-canvas";
