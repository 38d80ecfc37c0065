// QR codes drawn on the server as inline SVG: no script on the page, sharp at any size, and
// they print. The ticket QR holds the organiser's check-in address with the code in it, so a
// phone's own camera app opens the check-in page too, not only Kaifong's scanner.
import QRCode from 'qrcode';

export function checkInUrl(origin: string, eventId: string, code: string): string {
  return `${origin}/organiser/events/${encodeURIComponent(eventId)}/check-in?code=${encodeURIComponent(code)}`;
}

export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
}

/** "3F9A1C0B77D2E401" → "3F9A 1C0B 77D2 E401", easier to read out at the door. */
export function groupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}
