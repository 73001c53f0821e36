/**
 * A receipt code shown once, kept in this page's memory only (never in the address, storage or logs), so
 * "Follow it now" can fill in the lookup form.
 */
let lastReceipt: string | null = null;
export const rememberReceipt = (code: string) => {
  lastReceipt = code;
};
export const recallReceipt = () => lastReceipt;
