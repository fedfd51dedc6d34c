/** The enrolment QR code as inline SVG, drawn on the server: no image request, nothing sent to a third party. */
import QRCode from "qrcode";

export function qrSvg(text: string): Promise<string> {
  // Dark on white whatever the page's theme: scanners want contrast, and a quiet zone of 2 modules.
  return QRCode.toString(text, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
    color: { dark: "#000000", light: "#ffffff" },
  });
}
