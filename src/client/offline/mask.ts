// Masks for rows the phone makes itself, the same shapes the server's lists give
// (platform/crypto.ts maskIdNumber/maskPhone): the read cache never holds a full number.
export const maskIdNumber = (id: string): string =>
  id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : '*'.repeat(id.length);

export const maskPhone = (phone: string): string => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '*'.repeat(phone.length));
