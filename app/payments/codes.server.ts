// The two-dimensional codes of a notice: pagoPA's QR code and Poste's Data Matrix. Their libraries
// are loaded by the first code drawn, not at start.

/** The QR code's modules (true = dark), error correction M as pagoPA requires. */
export async function qrModules(
  payload: string,
): Promise<{ size: number; dark(row: number, col: number): boolean }> {
  const { default: QRCode } = await import("qrcode");
  const qr = QRCode.create(payload, { errorCorrectionLevel: "M" });
  return { size: qr.modules.size, dark: (row, col) => !!qr.modules.get(row, col) };
}

/** The QR code as an SVG data URI, for an <img> with alt text on the notice page. */
export async function qrSvgDataUri(payload: string): Promise<string> {
  const { default: QRCode } = await import("qrcode");
  const svg = await QRCode.toString(payload, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/** Poste's Data Matrix (ECC 200) as a PNG, large enough to print sharply at about 2.5 cm. */
export async function dataMatrixPng(content: string): Promise<Buffer> {
  const { default: bwipjs } = await import("bwip-js/node");
  return bwipjs.toBuffer({
    bcid: "datamatrix",
    text: content,
    scale: 4,
    paddingwidth: 0,
    paddingheight: 0,
  } as Parameters<typeof bwipjs.toBuffer>[0]);
}
